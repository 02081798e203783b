using System.Globalization;

namespace Switchyard.Simulator.Faults;

/// <summary>
/// Reads deterministic fault triggers from the latest user message text, so a test can ask
/// for one fault on one request without touching settings. A directive is
/// <c>[sim:item,item,...]</c> anywhere in the text; several directives may appear. Items:
/// <list type="bullet">
/// <item><c>error=STATUS</c>: answer with that HTTP status (400-599) in the provider's error shape
/// (429 and 503 carry Retry-After).</item>
/// <item><c>retry_after=SECONDS</c>: the Retry-After value for <c>error=</c> (default: the model's RetryAfterSeconds).</item>
/// <item><c>hang</c>: send nothing until the client gives up.</item>
/// <item><c>reset</c>: abort the connection before any response byte.</item>
/// <item><c>cut_after=N</c>: streams: abort the connection after N content chunks (at the latest
/// before the finishing chunk); non-streaming: abort in the middle of the body.</item>
/// <item><c>error_after=N</c>: streams: after N content chunks send the provider's in-stream error
/// event (status from <c>error=</c>, default 500; Anthropic 529 = overloaded_error) and end the
/// stream; non-streaming: an error response with that status.</item>
/// <item><c>no_usage</c>: OpenAI wire: the answer carries no usage (no usage field, no usage chunk), as some compatible servers do.</item>
/// <item><c>malformed</c>: a 200 whose JSON body is cut in half (streams: one data frame that is not JSON).</item>
/// <item><c>ttft_ms=MS</c>: time to the first byte/token for this request.</item>
/// <item><c>tps=N</c>: tokens per second for this request.</item>
/// </list>
/// Unknown items are ignored. Directives are removed from the text before the answer is
/// composed, so they do not change the answer's words.
/// </summary>
internal static class SimDirectiveParser
{
    private const string Opening = "[sim:";

    public static SimDirective Parse(string text, out string remainingText)
    {
        remainingText = text;
        var start = text.IndexOf(Opening, StringComparison.OrdinalIgnoreCase);
        if (start < 0) return SimDirective.None; // the hot path: no allocation

        var directive = SimDirective.None;
        var remaining = new System.Text.StringBuilder(text.Length);
        var position = 0;
        while (start >= 0)
        {
            var end = text.IndexOf(']', start);
            if (end < 0) break;
            remaining.Append(text, position, start - position);
            foreach (var item in text[(start + Opening.Length)..end].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                directive = Apply(directive, item);
            }
            position = end + 1;
            start = text.IndexOf(Opening, position, StringComparison.OrdinalIgnoreCase);
        }
        remaining.Append(text, position, text.Length - position);
        remainingText = remaining.ToString().Trim();
        return directive;
    }

    private static SimDirective Apply(SimDirective d, string item)
    {
        var eq = item.IndexOf('=');
        var key = (eq < 0 ? item : item[..eq]).Trim().ToLowerInvariant();
        var value = eq < 0 ? "" : item[(eq + 1)..].Trim();
        return key switch
        {
            "error" when Int(value) is >= 400 and <= 599 and var status => d with { ErrorStatus = status },
            "retry_after" when Int(value) is >= 0 and var seconds => d with { RetryAfterSeconds = seconds },
            "hang" => d with { Hang = true },
            "reset" => d with { Reset = true },
            "cut_after" when Int(value) is >= 0 and var n => d with { CutAfter = n },
            "error_after" when Int(value) is >= 0 and var n => d with { ErrorAfter = n },
            "malformed" => d with { Malformed = true },
            "no_usage" => d with { NoUsage = true },
            "ttft_ms" when Int(value) is >= 0 and var ms => d with { TimeToFirstTokenMs = ms },
            "tps" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var tps) && tps >= 0 => d with { TokensPerSecond = tps },
            _ => d,
        };
    }

    private static int? Int(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
