// Regenerates the rank files embedded in Switchyard.Core from the npm package `tiktoken` (MIT).
//
//   cd $(mktemp -d) && npm install tiktoken@1.0.22
//   node /path/to/src/Switchyard.Core/Tokens/Data/make-data.mjs $PWD/node_modules/tiktoken
//
// Output, per encoding, `<name>.bpe.br`: Brotli-compressed binary
//   magic "SYBP" (4 bytes) | version 1 (1 byte) | token count (int32 little-endian)
//   then, for rank 0, 1, 2, ... in order: token length (1 byte, 1..255) | token bytes
// and `<name>.pattern.txt`, the pre-tokenizer regex (PieceScanner implements it by hand; the tests run this
// file with .NET's Regex and compare).
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const pkg = process.argv[2] ?? "tiktoken";
const require = createRequire(join(process.cwd(), "noop.js"));
const here = dirname(fileURLToPath(import.meta.url));

for (const name of ["o200k_base", "cl100k_base"]) {
  const enc = require(join(pkg, "encoders", `${name}.json`));
  // tiktoken's packed format: "! <first rank> <base64 token> <base64 token> ..." (one run of consecutive ranks per line).
  const tokens = [];
  for (const line of enc.bpe_ranks.split("\n")) {
    if (!line) continue;
    const parts = line.split(" ");
    const first = Number(parts[1]);
    if (first !== tokens.length) throw new Error(`${name}: ranks are not contiguous at ${first}`);
    for (const b64 of parts.slice(2)) tokens.push(Buffer.from(b64, "base64"));
  }
  const header = Buffer.alloc(9);
  header.write("SYBP", 0, "ascii");
  header.writeUInt8(1, 4);
  header.writeInt32LE(tokens.length, 5);
  const chunks = [header];
  for (const t of tokens) {
    if (t.length < 1 || t.length > 255) throw new Error(`${name}: token of ${t.length} bytes`);
    chunks.push(Buffer.from([t.length]), t);
  }
  const packed = zlib.brotliCompressSync(Buffer.concat(chunks), {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 },
  });
  writeFileSync(join(here, `${name}.bpe.br`), packed);
  writeFileSync(join(here, `${name}.pattern.txt`), enc.pat_str);
  console.log(`${name}: ${tokens.length} tokens, ${packed.length} bytes`);
}
