// Tool calls are recorded like usage: the call never waits on Postgres. Events are buffered in
// process and written in batches; a failed batch is retried once with the next one, then
// dropped and counted (attribution must not take the gateway down with the database).
import { db } from "@/lib/db";
import { logError } from "@/lib/log";

export type ToolCallEvent = {
  id: string;
  orgId: string;
  keyId: string | null;
  userId: string | null;
  teamId: string | null;
  serverId: string | null;
  serverSlug: string;
  tool: string;
  outcome: "ok" | "tool_error" | "refused" | "upstream_error";
  status: number;
  errorCode: string | null;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
  costUsd: number | null;
  /** Data-classification findings: the action and classes with counts, never the text. */
  findings?: { action: string; arguments?: Record<string, number>; result?: Record<string, number> } | null;
  createdAt: Date;
};

const BATCH = 200;
const FLUSH_MS = 250;
const MAX_BUFFER = 20_000;

type State = { buffer: ToolCallEvent[]; timer: NodeJS.Timeout | null; writing: Promise<void> | null; dropped: number };
const holder = globalThis as unknown as { latchToolCalls?: State };
const state = (holder.latchToolCalls ??= { buffer: [], timer: null, writing: null, dropped: 0 });

export function recordToolCall(event: ToolCallEvent): void {
  if (state.buffer.length >= MAX_BUFFER) return void state.dropped++;
  state.buffer.push(event);
  if (state.buffer.length >= BATCH) void flushToolCalls();
  else state.timer ??= setTimeout(() => void flushToolCalls(), FLUSH_MS).unref();
}

async function writeOnce(batch: ToolCallEvent[], retry: boolean): Promise<void> {
  try {
    await db.toolCallEvent.createMany({ data: batch.map(({ findings, ...e }) => (findings ? { ...e, findings } : e)), skipDuplicates: true });
  } catch (err) {
    if (retry) return writeOnce(batch, false);
    state.dropped += batch.length;
    logError("tool call events could not be written", err, { count: batch.length });
  }
}

/** Writes everything recorded so far (graceful shutdown, tests). */
export async function flushToolCalls(): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  while (state.writing) await state.writing;
  const batch = state.buffer.splice(0, state.buffer.length);
  if (batch.length === 0) return;
  state.writing = (async () => {
    for (let i = 0; i < batch.length; i += BATCH) await writeOnce(batch.slice(i, i + BATCH), true);
  })();
  try {
    await state.writing;
  } finally {
    state.writing = null;
  }
}

export const toolCallStats = () => ({ pending: state.buffer.length, dropped: state.dropped });
