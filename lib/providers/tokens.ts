// Token estimates for what a provider did not count itself: the prompt of a request that got no
// usage back, and the output of a stream cut off before its final usage event.

type Counter = (text: string) => number;
let o200k: Counter | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads o200k_base (about 30 MB of heap, ~45 MB of RSS, a second or two of CPU in one synchronous
 * block). The server awaits it before listening (lib/server/main.ts); elsewhere (tests, scripts)
 * the first stream starts it.
 */
export function warmTokenizer(): Promise<void> {
  loading ??= import("gpt-tokenizer/encoding/o200k_base").then((m) => void (o200k = m.countTokens));
  return loading;
}

/** Rough chars-per-token ratio for the prompt when the provider reports no count. */
export const CHARS_PER_TOKEN = 4;

/**
 * o200k_base counts scaled up for models with another tokenizer (Claude, Gemini, Llama, older GPT),
 * so a streamed answer's estimate does not under-count; docs/limits.md has the measured ratios.
 */
export const FOREIGN_TOKENIZER_FACTOR = 1.5;

// Models tokenised with o200k_base itself: their count needs no margin.
const O200K_MODELS = /^(?:gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o[1-9]|chatgpt-|codex-|computer-use)/;

export function estimateTokensFromChars(chars: number): number {
  return chars > 0 ? Math.ceil(chars / CHARS_PER_TOKEN) : 0;
}

export function estimateTokens(text: string): number {
  return estimateTokensFromChars(text.length);
}

/** The factor applied to o200k_base counts for this upstream model. */
export function tokenizerFactor(upstreamModel: string): number {
  const bare = upstreamModel.slice(upstreamModel.lastIndexOf("/") + 1).toLowerCase();
  return O200K_MODELS.test(bare) ? 1 : FOREIGN_TOKENIZER_FACTOR;
}

/**
 * Generated tokens in `text`, counted once (never per chunk: tokenising is the costly part).
 * Until the tokenizer is loaded, the UTF-8 size: every byte-level tokenizer spends at least a
 * byte per token, so that never under-counts either.
 */
export function countGeneratedTokens(text: string, factor: number): number {
  if (text.length === 0) return 0;
  if (!o200k) return (void warmTokenizer(), Buffer.byteLength(text));
  return Math.ceil(o200k(text) * factor);
}

/**
 * Collects generated text from JSON string bodies still in their escaped form (cheap per chunk)
 * and decodes them once when asked. Escapes never span two bodies, so the joined bodies are a
 * valid string literal.
 */
export class StreamedText {
  private readonly parts: string[] = [];

  constructor() {
    void warmTokenizer();
  }

  /** An escaped JSON string body, as matched in the raw event data. */
  pushEscaped(body: string): void {
    if (body) this.parts.push(body);
  }

  /** Already decoded text (from an event the transformer parsed anyway). */
  pushDecoded(text: string): void {
    if (text) this.parts.push(JSON.stringify(text).slice(1, -1));
  }

  text(): string {
    const joined = this.parts.join("");
    try {
      return JSON.parse(`"${joined}"`) as string;
    } catch {
      return joined;
    }
  }
}
