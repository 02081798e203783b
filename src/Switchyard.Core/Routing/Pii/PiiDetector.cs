using System.Text;

namespace Switchyard.Core.Routing.Pii;

/// <summary>
/// The built-in PII detector: e-mails, phone numbers, payment cards, IBANs and national identifiers
/// (see <see cref="PiiKind"/>). Immutable and thread-safe; build one per options and share it.
/// </summary>
/// <remarks>
/// It runs on every request when enabled, so it is cheap on the common case: one vectorised count of
/// up to a dozen digits and a search for '@' decide which patterns can run at all; prose with few
/// digits and no '@' runs none. Each pattern that does run is a source-generated regex whose search jumps to its
/// first character; candidates are confirmed by their checksums. A text without findings allocates nothing.
/// </remarks>
public sealed class PiiDetector
{
    private readonly PiiRecognizer[] _recognizers;

    public PiiDetector(PiiDetectorOptions? options = null)
    {
        Options = options ?? new PiiDetectorOptions();
        _recognizers = Array.FindAll(PiiRecognizers.All, r => (Options.Kinds & r.Kind) != 0);
    }

    public PiiDetectorOptions Options { get; }

    public PiiScan Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Scan(text.AsSpan());
    }

    /// <summary>Scans <paramref name="text"/>; spans are offsets into it.</summary>
    public PiiScan Scan(ReadOnlySpan<char> text)
    {
        List<PiiSpan>? found = null;
        Run(text, ref found, stopAtFirst: false);
        return found is null ? PiiScan.Empty : Resolve(found);
    }

    public bool ContainsPii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ContainsPii(text.AsSpan());
    }

    /// <summary>True at the first confirmed finding; does not collect spans.</summary>
    public bool ContainsPii(ReadOnlySpan<char> text)
    {
        List<PiiSpan>? unused = null;
        return Run(text, ref unused, stopAtFirst: true);
    }

    /// <summary>
    /// Replaces each finding with <c>[REDACTED:KIND]</c> (e.g. <c>[REDACTED:EMAIL]</c>, see
    /// <see cref="PiiKindExtensions.Label"/>). Returns the same instance when nothing is found.
    /// </summary>
    public string Redact(string text)
    {
        var scan = Scan(text);
        if (!scan.HasPii) return text;

        var builder = new StringBuilder(text.Length + 16 * scan.Spans.Count);
        int position = 0;
        foreach (var span in scan.Spans)
        {
            builder.Append(text, position, span.Start - position)
                .Append("[REDACTED:").Append(span.Kind.Label()).Append(']');
            position = span.End;
        }
        return builder.Append(text, position, text.Length - position).ToString();
    }

    private bool Run(ReadOnlySpan<char> text, ref List<PiiSpan>? found, bool stopAtFirst)
    {
        if (text.IsEmpty) return false;
        int digits = CountDigits(text, PiiRecognizers.DigitsWorthCounting);
        bool any = false;

        foreach (var recognizer in _recognizers)
        {
            if (digits < recognizer.MinDigits) continue;
            if (recognizer.Anchor != '\0')
            {
                for (int from = 0, at; (at = text[from..].IndexOf(recognizer.Anchor)) >= 0; from += at + 1)
                {
                    int start = from + at;
                    while (start > from && recognizer.AnchorPrefix!.Contains(text[start - 1])) start--;
                    foreach (var match in recognizer.Pattern.EnumerateMatches(text, start))
                    {
                        if (Confirm(recognizer, text, match.Index, match.Length, ref found, stopAtFirst)) any = true;
                        break; // \G: the one possible match
                    }
                    if (any && stopAtFirst) return true;
                }
                continue;
            }
            foreach (var match in recognizer.Pattern.EnumerateMatches(text))
            {
                if (!Confirm(recognizer, text, match.Index, match.Length, ref found, stopAtFirst)) continue;
                if (stopAtFirst) return true;
                any = true;
            }
        }
        return any;
    }

    /// <summary>Runs the recognizer's check on a match and records the finding unless only a yes/no is wanted.</summary>
    private static bool Confirm(PiiRecognizer recognizer, ReadOnlySpan<char> text, int start, int length, ref List<PiiSpan>? found, bool stopAtFirst)
    {
        if (recognizer.Validate is { } validate && !validate(text, ref start, ref length)) return false;
        if (!stopAtFirst) (found ??= []).Add(new PiiSpan(start, length, recognizer.Kind));
        return true;
    }

    /// <summary>Counts ASCII digits, stopping at <paramref name="enough"/>.</summary>
    private static int CountDigits(ReadOnlySpan<char> text, int enough)
    {
        int count = 0;
        while (count < enough)
        {
            int next = text.IndexOfAnyInRange('0', '9');
            if (next < 0) break;
            count++;
            text = text[(next + 1)..];
        }
        return count;
    }

    /// <summary>
    /// Orders findings and removes overlaps (a card inside a longer IBAN, the national part of an
    /// international number): of two overlapping findings the longer one stays.
    /// </summary>
    private static PiiScan Resolve(List<PiiSpan> found)
    {
        found.Sort(static (a, b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Length != b.Length ? b.Length.CompareTo(a.Length)
            : a.Kind.CompareTo(b.Kind));

        int kept = 0;
        var kinds = PiiKind.None;
        for (int i = 0; i < found.Count; i++)
        {
            var span = found[i];
            if (kept > 0 && span.Start < found[kept - 1].End)
            {
                if (span.Length > found[kept - 1].Length) found[kept - 1] = span;
                continue;
            }
            found[kept++] = span;
        }
        found.RemoveRange(kept, found.Count - kept);
        foreach (var span in found) kinds |= span.Kind;
        return new PiiScan(kinds, found.AsReadOnly());
    }
}
