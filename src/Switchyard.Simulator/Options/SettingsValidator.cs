namespace Switchyard.Simulator.Options;

/// <summary>Checks settings that arrive at runtime, so a typo gives a 400 rather than odd behaviour.</summary>
internal static class SettingsValidator
{
    public static string? Problem(SimulatedModelSettings s)
    {
        if (s.TimeToFirstTokenMs < 0 || s.TokensPerSecond < 0 || s.ContextWindow < 0 || s.RequestsPerMinute < 0 || s.TokensPerMinute < 0 || s.RetryAfterSeconds < 0)
        {
            return "Numbers in the settings must not be negative.";
        }
        if (s.Faults is not { } f) return "faults must be an object.";
        double[] rates = [f.Http500, f.Http503, f.Http429, f.Hang, f.ConnectionReset, f.StreamCut, f.MalformedBody];
        if (rates.Any(static r => r is < 0 or > 1) || f.Total > 1)
        {
            return "Fault rates must be between 0 and 1 and add up to at most 1.";
        }
        return s.Outages is null ? "outages must be a list." : null;
    }
}
