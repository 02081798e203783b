using System.Runtime.CompilerServices;

namespace Switchyard.Core.Routing.Classification;

/// <summary>The state machine behind <see cref="TaskFeaturizer"/>: tokenizes, hashes and emits features.</summary>
internal ref struct TokenScanner<TSink> where TSink : IFeatureSink, allows ref struct
{
    // Namespaces keep the same token apart in different roles (a unigram vs the first word, ...).
    private const uint NsUnigram = 1, NsBigram = 2, NsHead = 3, NsTail = 4, NsSentence = 5, NsFirst = 6, NsFirstBigram = 7, NsFixed = 8;
    private const uint FnvOffset = 2166136261, FnvPrime = 16777619;
    private static readonly uint NumberHash = Fnv("<num>");
    private static readonly uint NewlineHash = Fnv("<nl>");

    private TSink _sink;
    private readonly int _mask;
    private readonly Span<uint> _tail;
    private readonly bool _isSystem;

    private uint _word;          // hash of the word being read
    private int _wordLength;
    private bool _wordAllDigits;
    private uint _previous;      // previous token's hash, 0 at a break
    private bool _sentenceStart = true;
    private bool _afterStop;     // just saw . ! ? : — a sentence starts if whitespace follows
    private bool _atLineStart = true;
    private int _lineIndent;
    private bool _lastWasNewline;
    private int _tokens, _head, _sentences, _symbols, _numbers, _indentedLines, _letters, _nonAsciiLetters, _backtickRun;
    private bool _codeFence;
    private int _scripts;        // bit set of non-Latin scripts seen
    private uint _firstWord;
    private bool _firstBigramDone;

    public TokenScanner(TSink sink, int mask, Span<uint> tail, bool isSystem)
    {
        _sink = sink;
        _mask = mask;
        _tail = tail;
        _isSystem = isSystem;
    }

    public readonly FeatureCounts Counts => new(_tokens, _head, Math.Min(_tokens, TaskFeaturizer.TailSize), _sentences, 0);

    public void Scan(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '`') _backtickRun = 0;
            if (c < 128)
            {
                if (IsAsciiWordChar(c))
                {
                    // The common case, in locals so the hash stays in a register: a run of ASCII letters and
                    // digits. (c | 0x20 lower-cases ASCII letters and leaves digits unchanged.)
                    var next = i;
                    if (_wordLength == 0) { AppendToWord((char)(c | 0x20), (uint)(c - '0') <= 9); next++; _letters++; }
                    var hash = _word;
                    var digits = _wordAllDigits;
                    var j = next;
                    while (j < text.Length && IsAsciiWordChar(c = text[j]))
                    {
                        hash = (hash ^ (uint)(c | 0x20)) * FnvPrime;
                        digits &= (uint)(c - '0') <= 9;
                        j++;
                    }
                    _word = hash;
                    _wordAllDigits = digits;
                    _wordLength += j - next;
                    _letters += j - next;
                    _afterStop = false;
                    i = j - 1;
                    continue;
                }
                FlushWord();
                if (c == '`' && ++_backtickRun >= 3) _codeFence = true;
                if (c == '\n') { NewLine(); continue; }
                if (c is ' ' or '\t' or '\r' or '\f' or '\v')
                {
                    if (_atLineStart) _lineIndent += c == '\t' ? 4 : 1;
                    if (_afterStop) { _sentenceStart = true; _afterStop = false; }
                    continue;
                }
                if (c < ' ') continue;
                LeaveLineStart();
                _afterStop = c is '.' or '!' or '?' or ':' or ';';
                _symbols++;
                EmitToken((uint)c * 0x9E3779B1u ^ 0x5bd1e995u, kind: TokenKind.Symbol);
            }
            else if (char.IsWhiteSpace(c))
            {
                FlushWord();
                if (_afterStop) { _sentenceStart = true; _afterStop = false; }
            }
            else if (char.IsPunctuation(c) || char.IsSymbol(c) || char.IsSurrogate(c))
            {
                FlushWord();
                LeaveLineStart();
                _afterStop = c is '。' or '！' or '？' or '¿' or '¡';
                _symbols++;
                EmitToken((uint)c * 0x9E3779B1u ^ 0x5bd1e995u, kind: TokenKind.Symbol);
            }
            else
            {
                _afterStop = false;
                _letters++;
                _nonAsciiLetters++;
                var script = Script(c);
                _scripts |= 1 << script;
                if (script is ScriptCjk or ScriptKana)
                {
                    // No spaces between words: each character is a token.
                    FlushWord();
                    AppendToWord(c, false);
                    FlushWord();
                }
                else
                {
                    AppendToWord(char.ToLowerInvariant(c), false);
                }
            }
        }
        FlushWord();
    }

    /// <summary>A gap in the text (the middle of a very long prompt was skipped): no bigram across it.</summary>
    public void Break()
    {
        FlushWord();
        _previous = 0;
        _sentenceStart = true;
    }

    /// <summary>Emits the tail tokens and the indicator features. Not called for the system prompt.</summary>
    public void Finish(ReadOnlySpan<char> text)
    {
        var tailCount = Math.Min(_tokens, TaskFeaturizer.TailSize);
        for (var i = 0; i < tailCount; i++)
            _sink.Add(FeatureGroup.Tail, Bucket(NsTail, _tail[i]));

        // No length or line-count features: in the training data length mostly says which source a row
        // came from (benchmarks are long, hand-written prompts short), not what task it is.
        Fixed(0); // bias
        for (var s = 1; s <= ScriptHangul; s++)
            if ((_scripts & (1 << s)) != 0) Fixed(300 + s);
        if (_tokens > 0)
        {
            Fixed(400 + Math.Min(8, _symbols * 16 / _tokens));
            Fixed(500 + Math.Min(8, _numbers * 16 / _tokens));
        }
        if (_letters > 0 && _nonAsciiLetters > 0) Fixed(700 + Math.Min(4, _nonAsciiLetters * 5 / _letters));
        if (_codeFence) Fixed(601);
        if (_indentedLines > 0) Fixed(_indentedLines >= 3 ? 603 : 602);
        var trimmed = text.TrimEnd();
        if (!trimmed.IsEmpty && trimmed[^1] == '?') Fixed(600);
        if (_firstWord != 0) _sink.Add(FeatureGroup.Fixed, Bucket(NsFirst, _firstWord));
    }

    private enum TokenKind { Word, Number, Symbol, Newline }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiWordChar(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendToWord(char lower, bool digit)
    {
        if (_wordLength == 0) { _word = FnvOffset; _wordAllDigits = true; LeaveLineStart(); }
        _word = (_word ^ lower) * FnvPrime;
        _wordAllDigits &= digit;
        _wordLength++;
    }

    private void FlushWord()
    {
        if (_wordLength == 0) return;
        _wordLength = 0;
        if (_wordAllDigits) { _numbers++; EmitToken(NumberHash, TokenKind.Number); }
        else EmitToken(_word, TokenKind.Word);
    }

    private void NewLine()
    {
        _afterStop = false;
        _sentenceStart = true;
        _atLineStart = true;
        _lineIndent = 0;
        if (!_lastWasNewline && _tokens > 0) EmitToken(NewlineHash, TokenKind.Newline);
    }

    private void LeaveLineStart()
    {
        if (!_atLineStart) return;
        _atLineStart = false;
        if (_lineIndent >= 4) _indentedLines++;
    }

    private void EmitToken(uint hash, TokenKind kind)
    {
        _lastWasNewline = kind == TokenKind.Newline;
        var group = _isSystem ? FeatureGroup.System : FeatureGroup.Bag;
        _sink.Add(group, Bucket(NsUnigram, hash));
        if (_previous != 0) _sink.Add(group, Bucket(NsBigram, (_previous * FnvPrime) ^ (hash + 0x9E3779B9u)));

        if (kind == TokenKind.Word && _sentenceStart)
        {
            _sink.Add(_isSystem ? FeatureGroup.System : FeatureGroup.SentenceStart, Bucket(NsSentence, hash));
            _sentences++;
        }
        if (kind is TokenKind.Word or TokenKind.Number) _sentenceStart = false;

        if (!_isSystem)
        {
            if (_tokens < TaskFeaturizer.HeadSize) { _sink.Add(FeatureGroup.Head, Bucket(NsHead, hash)); _head++; }
            _tail[_tokens % TaskFeaturizer.TailSize] = hash;
            if (kind == TokenKind.Word)
            {
                if (_firstWord == 0) _firstWord = hash;
                else if (!_firstBigramDone)
                {
                    _firstBigramDone = true;
                    _sink.Add(FeatureGroup.Fixed, Bucket(NsFirstBigram, (_firstWord * FnvPrime) ^ hash));
                }
            }
        }
        _tokens++;
        _previous = hash;
    }

    private void Fixed(int id) => _sink.Add(FeatureGroup.Fixed, Bucket(NsFixed, (uint)id));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int Bucket(uint ns, uint hash)
    {
        var x = hash ^ (ns * 0x9E3779B9u);
        x ^= x >> 16; x *= 0x7feb352du;
        x ^= x >> 15; x *= 0x846ca68bu;
        x ^= x >> 16;
        return (int)x & _mask;
    }

    private static uint Fnv(string s)
    {
        var h = FnvOffset;
        foreach (var c in s) h = (h ^ c) * FnvPrime;
        return h;
    }

    private const int ScriptOther = 0, ScriptLatinExtended = 1, ScriptGreek = 2, ScriptCyrillic = 3, ScriptHebrew = 4, ScriptArabic = 5,
        ScriptIndic = 6, ScriptThai = 7, ScriptKana = 8, ScriptCjk = 9, ScriptHangul = 10;

    private static int Script(char c) => c switch
    {
        >= '\u00C0' and <= '\u024F' => ScriptLatinExtended,
        >= '\u0370' and <= '\u03FF' => ScriptGreek,
        >= '\u0400' and <= '\u04FF' => ScriptCyrillic,
        >= '\u0590' and <= '\u05FF' => ScriptHebrew,
        >= '\u0600' and <= '\u06FF' => ScriptArabic,
        >= '\u0900' and <= '\u0DFF' => ScriptIndic,
        >= '\u0E00' and <= '\u0E7F' => ScriptThai,
        >= '\u3040' and <= '\u30FF' => ScriptKana,
        >= '\u4E00' and <= '\u9FFF' => ScriptCjk,
        >= '\uAC00' and <= '\uD7AF' => ScriptHangul,
        _ => ScriptOther,
    };
}
