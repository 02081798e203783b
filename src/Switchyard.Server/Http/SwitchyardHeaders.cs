using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchyard.Core.Accounting;
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
    /// <summary>Added by Switchyard beyond DESIGN.md's list: the same tokens priced at the baseline model.</summary>
    public const string BaselineCostUsd = "x-switchyard-baseline-cost-usd";
    /// <summary>Present (true) when the upstream reported no usage and the gateway counted the tokens.</summary>
    public const string CostEstimated = "x-switchyard-cost-estimated";
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
        response.Headers[Model] = deployment.Model.Id; // the catalog id that answered
        response.Headers[Provider] = deployment.Provider.Name;
        if (deployment.Simulated) response.Headers[Simulated] = "true";
    }

    public static void WriteCost(HttpResponse response, CostBreakdown cost)
    {
        response.Headers[CostUsd] = Usd(cost.Cost);
        if (cost.BaselineCost is { } baseline) response.Headers[BaselineCostUsd] = Usd(baseline);
        if (cost.Estimated) response.Headers[CostEstimated] = "true";
    }

    /// <summary>
    /// Dollars to ten decimals, trailing zeros dropped: what <c>ToString("0.##########")</c> writes. That custom
    /// format is parsed on every call, and two prices per request made it a visible frame in the profile.
    /// </summary>
    internal static string Usd(decimal value)
    {
        var rounded = decimal.Round(value, 10, MidpointRounding.AwayFromZero); // how the custom format rounds
        Span<char> text = stackalloc char[64];
        rounded.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        if (text[..length].Contains('.'))
        {
            while (text[length - 1] == '0') length--;
            if (text[length - 1] == '.') length--;
        }
        return new string(text[..length]);
    }
}
