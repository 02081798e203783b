// Writes reference.json: token ids from the real tiktoken (npm, MIT) for the strings the C# encoder is
// tested on (TiktokenEncoderTests). The tests read only the committed JSON; re-run this after changing a case:
//
//   cd $(mktemp -d) && npm install tiktoken@1.0.22
//   node /path/to/tests/Switchyard.Core.Tests/Tokens/reference/make-reference.mjs $PWD/node_modules/tiktoken
//
// Cases are named; "fuzz-N" strings come from a seeded generator over characters of every class the
// pre-tokenizer patterns distinguish, so the file is the same on every run.
import { createRequire } from "node:module";
import { writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = process.argv[2] ?? "tiktoken";
const require = createRequire(join(process.cwd(), "noop.js"));
const { get_encoding } = require(pkg);
const version = JSON.parse(readFileSync(join(dirname(require.resolve(pkg)), "package.json"), "utf8")).version;
const here = dirname(fileURLToPath(import.meta.url));

const prose =
  "The quick brown fox jumps over the lazy dog. It wasn't the first time; the dog didn't mind, " +
  "and the fox's owner said they'd be back by 5:30 p.m. on Tuesday, November 22nd, 2026.";

const python = `def fib(n: int) -> int:
    """Return the n-th Fibonacci number."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


if __name__ == "__main__":
    print([fib(i) for i in range(10)])  # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
`;

const csharp = `namespace Demo;

public sealed record Point(double X, double Y)
{
    public double Length => Math.Sqrt(X * X + Y * Y);

    public static Point operator +(Point a, Point b) => new(a.X + b.X, a.Y + b.Y);
}

// var p = new Point(3, 4); Console.WriteLine($"{p.Length:F2}"); // 5.00
internal static class Program { private static int Main(string[] args) => args.Length > 0 ? 1 : 0; }
`;

const json = JSON.stringify({
  model: "gpt-4o",
  messages: [{ role: "user", content: "Hi! What's 2+2?" }],
  temperature: 0.7,
  tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
}, null, 2);

const cases = {
  "empty": "",
  "single-space": " ",
  "single-letter": "a",
  "ascii-prose": prose,
  "contractions": "I'm sure you're right, they've said he'll go and she'd stay; it's John's. DON'T, WE'RE, You'Re, I'M, 'tis 's 'S 'll'd",
  "contraction-edges": "it'ſ x'S y'\u2019s rock'n'roll ''s ' s",
  "numbers": "1234567890 3.14159 1,000,000 -42 +7 0x1F 2026-11-22T12:30:45Z 10^9 1e-10 007 ½ ² ³ Ⅻ ٣٤٥ ४२ 一二三",
  "long-number": "31415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679",
  "whitespace-runs": "a  b   c\t\td\n\ne\r\nf \n \n  \t x\u00A0y\u2003z\u3000w   \n\n\n    indented\n\t\ttabbed   ",
  "only-spaces": "        ",
  "only-newlines": "\n\n\n\r\n\r\n",
  "trailing-space": "ends with spaces   ",
  "leading-space": "   starts with spaces",
  "accents": "café naïve façade Ærøskøbing Ångström résumé São Paulo Đà Nẵng Kraków Zürich Øresund",
  "combining-marks": "e\u0301 a\u0308 n\u0303 \u00f1 Z\u0324\u032ea\u0310l\u0320g\u0359o\u0316 q\u0307\u0323 \u0915\u094d\u0937 A\u030a",
  "devanagari": "नमस्ते दुनिया, यह एक परीक्षण है।",
  "thai": "สวัสดีชาวโลก นี่คือการทดสอบ",
  "cjk-chinese": "你好，世界！这是一个测试。我们来数一数有多少个词元。",
  "cjk-japanese": "お誕生日おめでとう 東京タワーに行きました。カタカナとひらがな。",
  "cjk-korean": "안녕하세요 세계! 이것은 테스트입니다.",
  "emoji": "😀 👍🏽 👨‍👩‍👧‍👦 🇯🇵 ❤️ ✨🚀 😀abc abc😀 😀😀😀 🤖: done ✅",
  "rtl-arabic": "مرحبا بالعالم! هذا اختبار. ١٢٣",
  "rtl-hebrew": "שָׁלוֹם עוֹלָם, זהו מבחן.",
  "rtl-mixed": "Hello مرحبا 123 שלום world!",
  "astral-letters": "𝐀𝐁𝐂 𝑥𝑦𝑧 𠀀𠀁𠀂 𝟎𝟏𝟐 𐐀𐐨𐐷 x𝐀y a𝟏b 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "case-mix": "HELLO World hELLO ÀÉÎ ǅungla ǈUDI ʰello ABCdef abcDEF XMLHttpRequest getHTTPResponseCode iPhone",
  "greek-cyrillic": "Γειά σου Κόσμε! Привет, мир! Ελληνικά και Русский.",
  "python": python,
  "csharp": csharp,
  "json": json,
  "html": "<!DOCTYPE html><html><body><p class=\"x\">Hi &amp; bye</p><br/></body></html>",
  "urls-paths": "https://example.com/a/b?c=d&e=f#g /usr/local/bin//x C:\\Windows\\System32 ./a/b/\n../c/\r\n//comment",
  "punctuation": "!!! ??? ... --- *** ### @@@ $$$ %%% ^^^ &&& ((( ))) [[[ ]]] {{{ }}} ||| ;;; ::: ,,, <<< >>> ~~~ ``` \"\"\" '''",
  "special-token-text": "<|endoftext|> <|fim_prefix|>x<|fim_middle|>y<|fim_suffix|> <|endofprompt|>",
  "base64": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "control-chars": "a\u0000b\u0001c\u001fd\u007fe\u0085f\u2028g\u2029h\u200bi\u200dj\ufeffk",
  "long-letters": "a".repeat(1500),
  "long-symbols": "=-".repeat(400),
  "long-spaces": " ".repeat(700) + "x",
  "long-mixed-word": "Supercalifragilisticexpialidocious".repeat(12),
};

const paragraphs = [prose, cases["accents"], cases["cjk-chinese"], python, cases["emoji"], csharp, cases["rtl-arabic"], json, cases["numbers"], cases["whitespace-runs"]];
let long = "";
for (let i = 0; long.length < 12000; i++) long += paragraphs[i % paragraphs.length] + "\n\n";
cases["long-text"] = long;

// Seeded fuzz: a small LCG so the output is stable across node versions.
let seed = 0x5eed1234;
const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const alphabet = [
  "a", "b", "s", "t", "d", "l", "m", "r", "e", "v", "Z", "Q", "S", "T", "'", "'", "’", " ", " ", " ", "\t", "\n", "\r", "\r\n",
  "0", "7", "9", "٣", "½", ".", ",", "/", "-", "_", "!", "?", "(", ")", "{", "\"", "é", "É", "ß", "\u0301", "\u0308", "中", "文",
  "の", "ア", "한", "😀", "👍🏽", "🇯🇵", "𝐀", "𝑥", "𝟏", "𠀀", "𐐀", "ǅ", "ʰ", "ª", "\u00A0", "\u3000", "\u2003", "ſ", "K", "İ", "ı",
];
for (let i = 0; i < 400; i++) {
  const length = 1 + Math.floor(next() * 40);
  let s = "";
  for (let j = 0; j < length; j++) s += alphabet[Math.floor(next() * alphabet.length)];
  cases[`fuzz-${i}`] = s;
}

const encodings = ["o200k_base", "cl100k_base"];
const out = { tiktoken: version, patterns: {}, cases: [] };
const encoders = Object.fromEntries(encodings.map(e => [e, get_encoding(e)]));
for (const e of encodings) out.patterns[e] = require(join(pkg, "encoders", `${e}.json`)).pat_str;
for (const [name, text] of Object.entries(cases)) {
  const row = { name, text };
  for (const e of encodings) row[e] = Array.from(encoders[e].encode_ordinary(text));
  out.cases.push(row);
}
for (const e of Object.values(encoders)) e.free();

writeFileSync(join(here, "reference.json"), JSON.stringify(out) + "\n");
console.log(`${out.cases.length} cases written with tiktoken ${version}`);
