namespace Switchyard.Core.Tokens;

/// <summary>One chat message as <see cref="ChatTokenCounter"/> counts it: its role, its text and an optional participant name.</summary>
public sealed record ChatTokenMessage(string Role, string? Content, string? Name = null);
