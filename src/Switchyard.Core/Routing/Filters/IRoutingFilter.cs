using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Filters;

/// <summary>Removes candidates that cannot serve this request, saying why with a <see cref="RemovalReason"/>.</summary>
public interface IRoutingFilter
{
    string Name { get; }

    /// <summary><see cref="RemovalReason.None"/> to keep the candidate.</summary>
    RemovalReason Check(RoutingContext context, Deployment candidate);
}
