namespace Switchyard.Simulator.State;

/// <summary>Thread-safe access to the injected (seeded) Random, which itself is not thread-safe.</summary>
internal sealed class FaultDice(Random random)
{
    private readonly Lock _lock = new();

    public double NextDouble()
    {
        lock (_lock)
        {
            return random.NextDouble();
        }
    }
}
