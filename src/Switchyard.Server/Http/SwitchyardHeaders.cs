using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchyard.Core.Execution;
using Switchyard.Core.Runtime;

namespace Switchyard.Server.Http;

/// <summary>The response headers DESIGN.md promises: which model, provider and route answered, in how many attempts, at what cost.</summary>
public static class SwitchyardHeaders
{
    public const string RequestId = "x-request-id";
    public const string Model = "x-switchyard-model";
    public const string Provider = "x-switchyard-provider";
    public const string Route = "x-switchyard-route";
    public const string Attempts = "x-switchyard-attempts";
    public const string CostUsd = "x-switchyard-cost-usd";
    public const string Simulated = "x-switchyard-simulated";

    public static void WriteRoute(HttpResponse response, string route) => response.Headers[Route] = route;

    /// <summary>Written for answers and for errors alike, with whatever execution knew by then.</summary>
    public static void WriteExecution(HttpResponse response, ExecutionTrace trace)
    {
        if (trace.Attempts.Count > 0) response.Headers[Attempts] = trace.Attempts.Count.ToString(CultureInfo.InvariantCulture);
        if (trace.Answered is { } d) WriteDeployment(response, d);
    }

    public static void WriteDeployment(HttpResponse response, Deployment deployment)
    {
        response.Headers[Model] = deployment.ModelName;
        response.Headers[Provider] = deployment.Provider.Name;
        if (deployment.Simulated) response.Headers[Simulated] = "true";
    }

    public static void WriteCost(HttpResponse response, decimal cost) =>
        response.Headers[CostUsd] = cost.ToString("0.##########", CultureInfo.InvariantCulture);
}
