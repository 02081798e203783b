using System.Text.RegularExpressions;
using Switchyard.Core.Config;
using Switchyard.Core.Routing.Pii;

namespace Switchyard.Server.RequestLog;

/// <summary>
/// What request_log.redact says to remove from stored bodies: "pii" runs the built-in detector
/// (matches become [REDACTED:EMAIL], [REDACTED:CARD], ...); every other entry is a regular
/// expression whose matches become [REDACTED].
/// </summary>
public sealed class BodyRedactor
{
    private readonly PiiDetector? pii;
    private readonly Regex[] patterns;

    public BodyRedactor(IReadOnlyList<string> redact)
    {
        pii = redact.Contains(RequestLogRules.Pii) ? new PiiDetector() : null;
        patterns = redact.Where(r => r != RequestLogRules.Pii)
            .Select(r => new Regex(r, RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            .ToArray();
    }

    public string Redact(string text)
    {
        if (text.Length == 0) return text;
        if (pii is not null) text = pii.Redact(text);
        foreach (var pattern in patterns)
        {
            try { text = pattern.Replace(text, "[REDACTED]"); }
            catch (RegexMatchTimeoutException) { return "[REDACTED: a redaction pattern timed out]"; } // never store what could not be checked
        }
        return text;
    }
}
