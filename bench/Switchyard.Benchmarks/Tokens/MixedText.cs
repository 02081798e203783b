using System.Text;

namespace Switchyard.Benchmarks.Tokens;

/// <summary>
/// A deterministic mix that looks like chat prompts: English prose (about 60%), code (20%), JSON (10%) and
/// other scripts with emoji (10%). One prose word in four is made up from syllables (names, jargon, typos), so
/// that many pieces take several tokens and miss the piece cache, as rare words do in real prompts. Seeded, so
/// every run measures the same text.
/// </summary>
public static class MixedText
{
    private static readonly string[] Words =
    [
        "the", "a", "model", "request", "gateway", "routes", "each", "prompt", "to", "cheapest", "provider", "that",
        "can", "answer", "it", "well", "and", "falls", "back", "when", "one", "fails", "budget", "tokens", "cost",
        "latency", "summarize", "following", "document", "customer", "asked", "about", "refund", "policy", "please",
        "explain", "why", "invoice", "was", "higher", "than", "expected", "last", "month", "we're", "don't", "it's",
        "configuration", "deployment", "fallback", "circuit", "breaker", "retry", "backoff", "streaming", "response",
        "international", "understanding", "approximately", "Kubernetes", "PostgreSQL", "JavaScript", "OpenAI",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ster", "qua", "zi", "bran", "dol", "ex", "tri", "vel", "oon", "ph", "gra", "nu", "tix",
        "sch", "ae", "yr", "mon", "pel", "cru", "fy", "gh", "ist", "ov", "rak", "dwe", "ly", "xo",
    ];

    private static readonly string[] Code =
    [
        "public static int Count(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : Encode(text).Length;\n",
        "    for (var i = 0; i < items.Count; i++)\n    {\n        total += items[i].Price * items[i].Quantity;\n    }\n",
        "def handler(event, context):\n    body = json.loads(event[\"body\"])\n    return {\"statusCode\": 200, \"body\": body}\n",
        "const res = await fetch(`${baseUrl}/v1/chat/completions`, { method: 'POST', headers });\n",
        "SELECT id, model, SUM(cost_usd) FROM requests WHERE created_at > now() - interval '1 day' GROUP BY 1, 2;\n",
    ];

    private static readonly string[] Other =
    [
        "你好，请帮我总结一下这份文件的主要内容。", "東京の天気はどうですか？", "Привет! Как дела с проектом?",
        "مرحبا، كيف يمكنني مساعدتك اليوم؟", "Größenänderung für Ärzte und Übersetzungen", "🚀 deployed ✅ 👍🏽 🎉",
        "नमस्ते, आप कैसे हैं?", "안녕하세요, 반갑습니다.",
    ];

    public static string Build(int chars, int seed = 7)
    {
        var random = new Random(seed);
        var text = new StringBuilder(chars + 512);
        while (text.Length < chars)
        {
            var roll = random.Next(10);
            if (roll < 6)
            {
                var words = 8 + random.Next(20);
                for (var i = 0; i < words; i++)
                {
                    var word = random.Next(4) == 0 ? MadeUpWord(random) : Words[random.Next(Words.Length)];
                    text.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
                    text.Append(random.Next(12) == 0 ? ", " : " ");
                }

                text.Append(random.Next(30)).Append(random.Next(3) == 0 ? "%.\n\n" : ". ");
            }
            else if (roll < 8)
            {
                text.Append(Code[random.Next(Code.Length)]);
            }
            else if (roll < 9)
            {
                text.Append("{\"id\": ").Append(random.Next(100000)).Append(", \"model\": \"gpt-4o\", \"price\": ")
                    .Append((random.NextDouble() * 10).ToString("F4", System.Globalization.CultureInfo.InvariantCulture))
                    .Append(", \"tags\": [\"eu\", \"zero-retention\"]}\n");
            }
            else
            {
                text.Append(Other[random.Next(Other.Length)]).Append(' ');
            }
        }

        return text.ToString(0, chars);
    }

    private static string MadeUpWord(Random random)
    {
        var word = new StringBuilder();
        for (var n = 2 + random.Next(3); n > 0; n--) word.Append(Syllables[random.Next(Syllables.Length)]);
        return word.ToString();
    }
}
