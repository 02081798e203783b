using System.Text.RegularExpressions;

namespace Switchyard.Providers.Http;

/// <summary>
/// Removes credentials from provider text before it reaches a client or a log: providers echo
/// part of a wrong key in their 401 messages ("Incorrect API key provided: sk-abc***xyz").
/// </summary>
public static partial class SecretRedactor
{
    [GeneratedRegex(@"(sk-[A-Za-z0-9_\-\*\.]{4,}|AIza[0-9A-Za-z_\-]{10,}|gsk_[A-Za-z0-9]{10,}|Bearer\s+\S+)")]
    private static partial Regex KeyLike();

    public static string Redact(string text, string? knownKey)
    {
        if (!string.IsNullOrEmpty(knownKey) && knownKey.Length >= 4) text = text.Replace(knownKey, "[redacted]", StringComparison.Ordinal);
        return KeyLike().Replace(text, "[redacted]");
    }
}
