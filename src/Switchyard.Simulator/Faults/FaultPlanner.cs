using Switchyard.Simulator.Options;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Faults;

/// <summary>Chooses a request's fault: an explicit directive wins; otherwise one draw against the model's fault rates.</summary>
internal static class FaultPlanner
{
    private const int DefaultInStreamErrorStatus = 500;

    public static FaultDecision Decide(SimDirective directive, SimulatedModelSettings settings, FaultDice dice, bool stream)
    {
        if (directive.ErrorAfter is { } after)
        {
            var status = directive.ErrorStatus ?? DefaultInStreamErrorStatus;
            return stream ? new(FaultKind.ErrorInStream, status, Count: after) : HttpError(status, directive, settings);
        }
        if (directive.ErrorStatus is { } errorStatus) return HttpError(errorStatus, directive, settings);
        if (directive.Hang) return new(FaultKind.Hang);
        if (directive.Reset) return new(FaultKind.Reset);
        if (directive.CutAfter is { } n) return new(FaultKind.Cut, Count: n);
        if (directive.Malformed) return new(FaultKind.Malformed);
        return FromRates(settings, dice);
    }

    private static FaultDecision HttpError(int status, SimDirective directive, SimulatedModelSettings settings) =>
        new(FaultKind.HttpError, status, status is 429 or 503 ? directive.RetryAfterSeconds ?? settings.RetryAfterSeconds : directive.RetryAfterSeconds);

    private static FaultDecision FromRates(SimulatedModelSettings settings, FaultDice dice)
    {
        var rates = settings.Faults;
        if (rates.Total <= 0) return FaultDecision.None; // no draw, no lock, when faults are off

        var roll = dice.NextDouble();
        if ((roll -= rates.Http500) < 0) return new(FaultKind.HttpError, 500);
        if ((roll -= rates.Http503) < 0) return new(FaultKind.HttpError, 503, settings.RetryAfterSeconds);
        if ((roll -= rates.Http429) < 0) return new(FaultKind.HttpError, 429, settings.RetryAfterSeconds);
        if ((roll -= rates.Hang) < 0) return new(FaultKind.Hang);
        if ((roll -= rates.ConnectionReset) < 0) return new(FaultKind.Reset);
        if ((roll -= rates.StreamCut) < 0) return new(FaultKind.Cut, Count: 1);
        if ((roll -= rates.MalformedBody) < 0) return new(FaultKind.Malformed);
        return FaultDecision.None;
    }
}
