// Streamed output is counted by o200k_base in a worker thread: the same counts as the library run
// in place, each count answered to its own caller, and none of the tokenizer's memory in the
// caller's heap (it is ~20 MB once loaded there).
import { spawnSync } from "node:child_process";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countGeneratedTokens, FOREIGN_TOKENIZER_FACTOR } from "./tokens";

const TEXTS = ["Hello there", "Latch counts every token a provider bills. ".repeat(40), "naïve café — 東京 🚀🚀", '{"location":"Paris"}'];

describe("countGeneratedTokens", () => {
  it("counts as o200k_base does, scaled for a foreign tokenizer", async () => {
    for (const text of TEXTS) {
      expect(await countGeneratedTokens(text, 1)).toBe(countTokens(text));
      expect(await countGeneratedTokens(text, FOREIGN_TOKENIZER_FACTOR)).toBe(Math.ceil(countTokens(text) * FOREIGN_TOKENIZER_FACTOR));
    }
    expect(await countGeneratedTokens("", 1)).toBe(0);
  });

  it("answers concurrent counts each with its own", async () => {
    const texts = Array.from({ length: 50 }, (_, i) => "word ".repeat(i + 1));
    const counts = await Promise.all(texts.map((text) => countGeneratedTokens(text, 1)));
    expect(counts).toEqual(texts.map((text) => countTokens(text)));
  });

  it("keeps the tokenizer out of the caller's heap", () => {
    const probe = `
      import { countGeneratedTokens } from "./lib/providers/tokens.ts";
      const used = () => (globalThis.gc(), process.memoryUsage().heapUsed);
      const before = used();
      let count;
      // Until the tokenizer is loaded, wherever it loads, a count is the UTF-8 size (11).
      while ((count = await countGeneratedTokens("Hello there", 1)) !== 2) await new Promise((r) => setTimeout(r, 20));
      console.log(JSON.stringify({ count, grewMb: (used() - before) / 1e6 }));
    `;
    const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "--input-type=module", "-e", probe], { encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    const { count, grewMb } = JSON.parse(run.stdout) as { count: number; grewMb: number };
    expect(count).toBe(countTokens("Hello there"));
    expect(grewMb).toBeLessThan(5);
  });
});
