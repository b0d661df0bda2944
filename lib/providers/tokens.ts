// Token estimates for what a provider did not count itself: the prompt of a request that got no
// usage back, and the output of a stream cut off before its final usage event.

import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

// o200k_base lives in a worker thread, started by the first count: its ~45 MB of RSS and the 1–2 s
// synchronous build of its rank map stay off the event loop, and out of every process whose
// providers report their usage (all but cut-off streams).
const TOKENIZER = "gpt-tokenizer/encoding/o200k_base";
// Runs as a script or a module alike (the worker inherits --input-type and NODE_OPTIONS).
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule("node:worker_threads");
const loaded = import(workerData.tokenizer).then((m) => m.countTokens ?? m.default.countTokens);
parentPort.on("message", async ({ id, text }) => parentPort.postMessage({ id, count: (await loaded)(text) }));
`;

/** `exact`: counted by o200k_base; otherwise the UTF-8 size. */
type Count = { count: number; exact: boolean };
type Pending = { text: string; resolve: (count: Count) => void };
let worker: Worker | null = null;
let unavailable = false;
let nextId = 0;
const pending = new Map<number, Pending>();

// Where the tokenizer is, resolved from this module, the running program or the working directory
// (the worker's own resolution would start from wherever it was started).
function tokenizerUrl(): string {
  const from = [import.meta.url, process.argv[1] && path.resolve(process.argv[1]), path.join(process.cwd(), "index.js")];
  for (const base of from) {
    try {
      if (base) return pathToFileURL(createRequire(base).resolve(TOKENIZER)).href;
    } catch {}
  }
  throw new Error(`${TOKENIZER} not found`);
}

function startWorker(): Worker | null {
  if (worker || unavailable) return worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { tokenizer: tokenizerUrl() }, execArgv: [] });
  } catch (err) {
    return (giveUp(err), null);
  }
  worker.unref();
  worker.on("message", ({ id, count }: { id: number; count: number }) => {
    pending.get(id)?.resolve({ count, exact: true });
    pending.delete(id);
  });
  worker.on("error", giveUp);
  worker.on("exit", () => giveUp(new Error("the tokenizer's worker exited")));
  return worker;
}

// Without a tokenizer every count is the UTF-8 size: it never under-counts (see below).
function giveUp(err: unknown): void {
  if (!unavailable) console.warn(`Latch: streamed output is counted in UTF-8 bytes (no tokenizer: ${(err as Error)?.message ?? err})`);
  unavailable = true;
  worker = null;
  for (const { text, resolve } of pending.values()) resolve(bytes(text));
  pending.clear();
}

const bytes = (text: string): Count => ({ count: Buffer.byteLength(text), exact: false });

/** o200k_base tokens in `text`, counted in the tokenizer's worker (started on first use). */
function countO200k(text: string): Promise<Count> {
  const w = startWorker();
  if (!w) return Promise.resolve(bytes(text));
  return new Promise<Count>((resolve) => {
    const id = nextId++;
    pending.set(id, { text, resolve });
    // A count waiting on the worker keeps the process alive; an idle worker does not.
    if (pending.size === 1) w.ref();
    w.postMessage({ id, text });
  }).finally(() => {
    if (pending.size === 0) worker?.unref();
  });
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
 * Generated tokens in `text`, counted once (never per chunk: tokenising is the costly part), off
 * the event loop. Should the tokenizer be unavailable, the UTF-8 size: every byte-level tokenizer
 * spends at least a byte per token, so that never under-counts either.
 */
export async function countGeneratedTokens(text: string, factor: number): Promise<number> {
  if (text.length === 0) return 0;
  const { count, exact } = await countO200k(text);
  return exact ? Math.ceil(count * factor) : count;
}

/**
 * Collects generated text from JSON string bodies still in their escaped form (cheap per chunk)
 * and decodes them once when asked. Escapes never span two bodies, so the joined bodies are a
 * valid string literal.
 */
export class StreamedText {
  private readonly parts: string[] = [];

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
