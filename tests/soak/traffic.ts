// The soak's request mix: what each kind of request sends, which keys may send it, and how its
// answer is checked. A request counts as served only when its whole answer is what a client needs:
// status 200 and the full reply text, with the stream's terminal event ([DONE], message_stop,
// response.completed) and, where asked for, the usage chunk.

/** The fake provider's answer to every completion (see configureUpstream in soak.ts). */
export const REPLY = "Soak reply: the quick brown fox jumps over the lazy dog, again and again.";
export const EMBEDDING_DIMENSIONS = 8;

export type Kind = {
  name: string;
  /** Relative share of the traffic. */
  weight: number;
  path: string;
  /** The `endpoint` and `stream` a usage event of this request carries. */
  endpoint: string;
  stream: boolean;
  /** Indexes into the seeded keys that may call this kind's model. */
  keys: number[];
  body(seq: number): Record<string, unknown>;
  /** Throws with a short reason when the answer is not complete and right. */
  check(text: string): void;
};

const user = (seq: number) => [{ role: "user", content: `Soak request ${seq}: say something short.` }];
const ALL_KEYS = [0, 1, 2, 3];
// The first seeded key may call OpenAI models only.
const CLAUDE_KEYS = [1, 2, 3];

type SseEvent = { event: string | null; data: string };

export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event: string | null = null;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    }
    if (event !== null || data.length) events.push({ event, data: data.join("\n") });
  }
  return events;
}

function expect(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new Error(reason);
}

// Answers are untyped JSON, read field by field; any exception while checking counts as a failure.
type Json = Record<string, any>;

function checkChatStream(text: string, withUsage: boolean): void {
  const events = parseSse(text);
  expect(events.at(-1)?.data === "[DONE]", "stream did not end with [DONE]");
  let content = "";
  let usage = false;
  for (const e of events.slice(0, -1)) {
    const chunk = JSON.parse(e.data) as Json;
    expect(!chunk.error, `error event in stream: ${e.data.slice(0, 200)}`);
    content += chunk.choices?.[0]?.delta?.content ?? "";
    if (chunk.usage?.total_tokens > 0) usage = true;
  }
  expect(content === REPLY, `streamed text differs: ${JSON.stringify(content.slice(0, 80))}`);
  expect(usage || !withUsage, "no usage chunk although include_usage was asked for");
}

export const KINDS: Kind[] = [
  {
    name: "chat",
    weight: 5,
    path: "/v1/chat/completions",
    endpoint: "chat.completions",
    stream: false,
    keys: ALL_KEYS,
    body: (seq) => ({ model: "gpt-4o-mini", messages: user(seq), max_tokens: 64 }),
    check(text) {
      const json = JSON.parse(text) as Json;
      expect(json.choices?.[0]?.message?.content === REPLY, "reply text differs");
      expect(json.usage?.total_tokens > 0, "no usage");
    },
  },
  {
    name: "chat stream",
    weight: 5,
    path: "/v1/chat/completions",
    endpoint: "chat.completions",
    stream: true,
    keys: ALL_KEYS,
    body: (seq) => ({ model: "gpt-4o-mini", messages: user(seq), max_tokens: 64, stream: true, stream_options: { include_usage: true } }),
    check: (text) => checkChatStream(text, true),
  },
  {
    name: "chat stream → claude",
    weight: 2,
    path: "/v1/chat/completions",
    endpoint: "chat.completions",
    stream: true,
    keys: CLAUDE_KEYS,
    body: (seq) => ({ model: "haiku", messages: user(seq), max_tokens: 64, stream: true }),
    check: (text) => checkChatStream(text, false),
  },
  {
    name: "messages stream",
    weight: 2,
    path: "/v1/messages",
    endpoint: "messages",
    stream: true,
    keys: CLAUDE_KEYS,
    body: (seq) => ({ model: "claude-haiku", messages: user(seq), max_tokens: 64, stream: true }),
    check(text) {
      const events = parseSse(text);
      expect(events.at(-1)?.event === "message_stop", "stream did not end with message_stop");
      let content = "";
      for (const e of events) {
        expect(e.event !== "error", `error event in stream: ${e.data.slice(0, 200)}`);
        if (e.event === "content_block_delta") content += (JSON.parse(e.data) as Json).delta?.text ?? "";
      }
      expect(content === REPLY, `streamed text differs: ${JSON.stringify(content.slice(0, 80))}`);
    },
  },
  {
    name: "messages",
    weight: 1,
    path: "/v1/messages",
    endpoint: "messages",
    stream: false,
    keys: CLAUDE_KEYS,
    body: (seq) => ({ model: "claude-haiku", messages: user(seq), max_tokens: 64 }),
    check(text) {
      const json = JSON.parse(text) as Json;
      expect(json.content?.[0]?.text === REPLY, "reply text differs");
      expect(json.usage?.output_tokens > 0, "no usage");
    },
  },
  {
    name: "embeddings",
    weight: 2,
    path: "/v1/embeddings",
    endpoint: "embeddings",
    stream: false,
    keys: ALL_KEYS,
    body: (seq) => ({ model: "text-embedding-3-small", input: [`soak document ${seq}`, `soak query ${seq}`] }),
    check(text) {
      const json = JSON.parse(text) as Json;
      expect(json.data?.length === 2, "expected two embeddings");
      expect(
        json.data.every((d: Json) => d.embedding?.length === EMBEDDING_DIMENSIONS),
        "embedding has the wrong size",
      );
    },
  },
  {
    name: "responses stream",
    weight: 1,
    path: "/v1/responses",
    endpoint: "responses",
    stream: true,
    keys: ALL_KEYS,
    body: (seq) => ({ model: "gpt-4o-mini", input: `Soak request ${seq}: say something short.`, max_output_tokens: 64, stream: true }),
    check(text) {
      const events = parseSse(text);
      expect(
        events.some((e) => e.event === "response.completed"),
        "stream has no response.completed",
      );
      let content = "";
      for (const e of events) {
        expect(e.event !== "error" && e.event !== "response.failed", `error event in stream: ${e.data.slice(0, 200)}`);
        if (e.event === "response.output_text.delta") content += (JSON.parse(e.data) as Json).delta ?? "";
      }
      expect(content === REPLY, `streamed text differs: ${JSON.stringify(content.slice(0, 80))}`);
    },
  },
];

/** A fixed interleaving of the kinds by weight (a b a c a b …), so any window of traffic is mixed. */
export function schedule(kinds: Kind[]): Kind[] {
  const total = kinds.reduce((s, k) => s + k.weight, 0);
  const credit = kinds.map(() => 0);
  const out: Kind[] = [];
  for (let i = 0; i < total; i++) {
    // Smooth weighted round-robin.
    kinds.forEach((k, j) => (credit[j]! += k.weight));
    let best = 0;
    for (let j = 1; j < kinds.length; j++) if (credit[j]! > credit[best]!) best = j;
    credit[best]! -= total;
    out.push(kinds[best]!);
  }
  return out;
}
