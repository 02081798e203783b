using System.Collections;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing;

/// <summary>
/// A plan as positions in the decision's candidate list: two bytes an attempt instead of eight.
/// Why: a route over fifty deployments plans fifty attempts, and the plan is the largest thing a
/// routing decision allocates (issue 4 allows 1 KB per decision).
/// </summary>
internal sealed class CompactPlan(IReadOnlyList<Deployment> candidates, ushort[] positions) : IReadOnlyList<Deployment>
{
    public Deployment this[int index] => candidates[positions[index]];

    public int Count => positions.Length;

    public IEnumerator<Deployment> GetEnumerator()
    {
        foreach (var position in positions) yield return candidates[position];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The plan of <paramref name="ordered"/>, each of which must be one of <paramref name="candidates"/>.</summary>
    public static IReadOnlyList<Deployment> Of(IReadOnlyList<Deployment> candidates, List<Deployment> ordered)
    {
        if (candidates.Count > ushort.MaxValue) return ordered.ToArray(); // not worth a wider index type
        var positions = new ushort[ordered.Count];
        for (var i = 0; i < positions.Length; i++) positions[i] = (ushort)PositionOf(candidates, ordered[i]);
        return new CompactPlan(candidates, positions);
    }

    private static int PositionOf(IReadOnlyList<Deployment> candidates, Deployment deployment)
    {
        for (var i = 0; i < candidates.Count; i++) if (ReferenceEquals(candidates[i], deployment)) return i;
        throw new ArgumentException($"{deployment.Id} is not a candidate of this decision", nameof(deployment));
    }
}
