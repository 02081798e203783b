using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Accounting;
using Switchyard.Core.Chat;
using Switchyard.Core.Gateway;
using Switchyard.Core.Keys;
using Switchyard.Core.Runtime;

namespace Switchyard.Server.Keys;

/// <summary>
/// What the endpoints ask of a request's key, in DESIGN.md's status order: the model it means
/// ("default" → the key's default route), whether it may name that model (403), the route without
/// disabled models (503), then rate limits and budgets (429) with the estimate reserved. Anonymous
/// requests pass every check except disabled models.
/// </summary>
public sealed partial class KeyGate(KeyRateLimiter limiter, BudgetLedger ledger, DisabledModels disabled, TimeProvider time, ILogger<KeyGate> logger)
{
    public const string BudgetWarningHeader = "x-switchyard-budget-warning";

    /// <summary>Budget counters this replica has logged a warning for: one log event per counter and period, a header on every response.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> warned = new(StringComparer.Ordinal);

    /// <summary>The model or route the request means.</summary>
    public static string ResolveModel(HttpContext context, string model) =>
        KeyRequest.Of(context) is { } identity ? identity.Key.Policy.Resolve(model) : model;

    /// <summary>403 model_not_allowed when the key's allow list does not name the model or route the client named.</summary>
    public static void CheckAllowed(HttpContext context, string name)
    {
        if (KeyRequest.Of(context) is not { } identity) return;
        var allowed = identity.Routing.AllowedModels;
        if (allowed.Count == 0 || allowed.Contains(name)) return;
        throw new GatewayException(403, "permission_denied", "model_not_allowed",
            $"The key {KeyService.Display(identity.Key.Id)} may not use '{name}'. It may use: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.", "model");
    }

    /// <summary>The route without models an operator disabled; 503 model_disabled when none is left.</summary>
    public RouteEntry WithoutDisabled(RouteEntry route)
    {
        var kept = disabled.Apply(route, out var removed);
        if (kept.Deployments.Count == 0 && removed.Count > 0)
            throw new GatewayException(503, "service_unavailable", "model_disabled",
                $"Every deployment of '{route.Name}' is disabled by an operator ({string.Join(", ", removed.Select(d => d.Id))}); " +
                "POST /admin/v1/models/{name}/enable brings one back.", "model");
        return kept;
    }

    /// <summary>
    /// Rate limits, then budgets, for a request about to run on <paramref name="primary"/>: the
    /// x-ratelimit-* and budget warning headers are written; 429 when a limit or budget refuses.
    /// Null for anonymous requests. Dispose-free: the caller settles or releases it when done.
    /// </summary>
    public async Task<KeyAdmission?> AdmitAsync(HttpContext context, Deployment primary, CostEstimate estimate, CancellationToken cancellationToken)
    {
        if (KeyRequest.Of(context) is not { } identity) return null;
        var key = identity.Key;
        var tokens = (long)estimate.PromptTokens + estimate.OutputTokens;
        var rate = limiter.TryAdmit(key.Id, key.Limits, primary.ModelName, tokens);
        WriteRateHeaders(context.Response, rate);
        if (!rate.Allowed)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(rate.RetryAfter.TotalSeconds));
            throw new GatewayException(429, rate.Limit!.StartsWith("tokens", StringComparison.Ordinal) ? "tokens" : "requests", "rate_limit_exceeded",
                $"Rate limit reached for {KeyService.Display(key.Id)} on {rate.Limit}. Please try again in {seconds}s.") { RetryAfterSeconds = seconds };
        }

        var lines = identity.BudgetLines;
        BudgetReservation? reservation = null;
        if (lines.Count > 0)
        {
            (reservation, var refusal) = await ledger.ReserveAsync(lines, estimate.Cost, cancellationToken);
            if (refusal is not null)
            {
                limiter.Settle(key.Id, key.Limits, primary.ModelName, tokens, 0);
                throw Exhausted(refusal);
            }
            var warnings = ledger.Warnings(lines);
            if (warnings.Count > 0)
            {
                context.Response.Headers[BudgetWarningHeader] = string.Join("; ", warnings.Select(Describe));
                foreach (var w in warnings)
                    if (warned.TryAdd($"{w.Line.Scope}|{BudgetPeriods.KeyOf(w.Line.Period, time.GetUtcNow())}|{w.Line.Period}", 0))
                        Warned(logger, w.Line.Describe(), Usd(w.Used), Usd(w.Line.Limit));
            }
        }
        return new KeyAdmission(limiter, key, primary.ModelName, tokens, reservation);
    }

    /// <summary>An embedding request's estimate: its input's tokens (the tokenizer of the model, else the documented estimate) at the deployment's input price.</summary>
    public static CostEstimate EmbeddingEstimate(EmbeddingRequest request, Deployment deployment, Core.Pricing.PriceBook prices)
    {
        var counter = Core.Tokens.TokenCounters.TryFor(deployment.Model.Tokenizer, out var exact) ? exact : Core.Tokens.TokenCounters.For(Core.Tokens.TokenCounters.Estimate);
        var tokens = 0;
        if (request.Input is { } input)
        {
            if (input.ValueKind == System.Text.Json.JsonValueKind.String) tokens = counter.Count(input.GetString());
            else if (input.ValueKind == System.Text.Json.JsonValueKind.Array)
                foreach (var item in input.EnumerateArray())
                    tokens += item.ValueKind == System.Text.Json.JsonValueKind.String ? counter.Count(item.GetString()) : 1; // token ids count one each
        }
        var usage = new Usage { PromptTokens = tokens, TotalTokens = tokens };
        return new CostEstimate(tokens, 0, Core.Execution.CostCalculator.Cost(prices.For(deployment), usage));
    }

    /// <summary>Every budget that applies: the key's and its project's, each period that has a ceiling (KeyIdentity keeps them).</summary>
    public static IReadOnlyList<BudgetLine> Lines(KeyRecord key, ProjectRecord project)
    {
        var lines = new List<BudgetLine>(2);
        foreach (var period in BudgetPeriods.All)
        {
            if (key.Budgets.For(period) is { } k) lines.Add(new BudgetLine("key:" + key.Id, period, k));
            if (project.Budgets.For(period) is { } p) lines.Add(new BudgetLine("project:" + project.Id, period, p));
        }
        return lines.Count == 0 ? [] : lines.ToArray();
    }

    private GatewayException Exhausted(BudgetRefusal refusal)
    {
        var line = refusal.Line;
        var now = time.GetUtcNow().UtcDateTime;
        int? retry = line.Period switch
        {
            BudgetPeriod.Day => (int)Math.Ceiling((now.Date.AddDays(1) - now).TotalSeconds),
            BudgetPeriod.Month => (int)Math.Ceiling((new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1) - now).TotalSeconds),
            _ => null,
        };
        return new GatewayException(429, "insufficient_quota", "insufficient_quota",
            $"You exceeded your current quota: the {line.Describe()} budget of ${Usd(line.Limit)} is used up " +
            $"(${Usd(refusal.Used)} spent, this request needs about ${Usd(refusal.Estimate)}).") { RetryAfterSeconds = retry };
    }

    private static string Describe(BudgetWarning w) =>
        $"{w.Line.Describe()} budget {(w.Line.Limit == 0 ? 100 : Math.Round(w.Used / w.Line.Limit * 100, 0)).ToString(CultureInfo.InvariantCulture)}% used " +
        $"(${Usd(w.Used)} of ${Usd(w.Line.Limit)})";

    private static string Usd(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>OpenAI's headers: x-ratelimit-limit-/remaining-/reset-requests and -tokens (reset as "1s", "6m0s", "20ms").</summary>
    private static void WriteRateHeaders(HttpResponse response, RateLimitResult rate)
    {
        if (rate.Requests is { } r)
        {
            response.Headers["x-ratelimit-limit-requests"] = r.Limit.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-remaining-requests"] = r.Remaining.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-reset-requests"] = Duration(r.Reset);
        }
        if (rate.Tokens is { } t)
        {
            response.Headers["x-ratelimit-limit-tokens"] = t.Limit.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-remaining-tokens"] = t.Remaining.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-reset-tokens"] = Duration(t.Reset);
        }
    }

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1)) return $"{Math.Ceiling(span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms";
        var minutes = (int)span.TotalMinutes;
        var seconds = Math.Round(span.TotalSeconds - minutes * 60, 3).ToString("0.###", CultureInfo.InvariantCulture);
        return minutes > 0 ? $"{minutes}m{seconds}s" : $"{seconds}s";
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Warning, Message = "Budget warning: the {Budget} budget has ${Used} of ${Limit} spent.")]
    private static partial void Warned(ILogger logger, string budget, string used, string limit);
}

/// <summary>A request's admission: its token estimate and budget reservation, replaced by the actual figures once it ends.</summary>
public sealed class KeyAdmission(KeyRateLimiter limiter, KeyRecord key, string model, long estimatedTokens, BudgetReservation? reservation)
{
    private int done;

    /// <summary>The exact cost replaces the reservation; a request that cost nothing (failed) releases it.</summary>
    public void Settle(Usage? usage, CostBreakdown? cost)
    {
        if (Interlocked.Exchange(ref done, 1) != 0) return;
        limiter.Settle(key.Id, key.Limits, model, estimatedTokens, usage?.TotalTokens ?? 0);
        if (cost is { } c) reservation?.Settle(c.Cost);
        else reservation?.Release();
    }
}
