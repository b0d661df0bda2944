// Requests an upstream sends to the client while it serves a tool call (sampling/createMessage,
// elicitation/create), passed on to Latch's client on that call's response stream. The client
// answers with a new POST, which any instance may receive: the answer goes to the waiting call
// in this process, or through Redis pub/sub to the instance that holds it. Latch numbers these
// requests itself (`latch-<uuid>`), so answers never meet the wrong call.
import { randomUUID } from "node:crypto";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ErrorCode, McpError, type JSONRPCMessage, type RequestId } from "@modelcontextprotocol/sdk/types.js";
import { duplicateRedis, redis, type RedisClient } from "@/lib/redis";

const TIMEOUT_MS = 10 * 60_000;
type Pending = { resolve(result: unknown): void; reject(err: Error): void };
type Answer = { id: RequestId; result?: unknown; error?: { code: number; message: string; data?: unknown } };

const holder = globalThis as unknown as { latchMcpClientRequests?: { pending: Map<string, Pending>; subscriber: RedisClient | null } };
const slot = (sessionId: string, id: RequestId) => `${sessionId}\n${String(id)}`;
const channel = () => `${redis.prefix}mcp:answers`;

function init() {
  const pending = new Map<string, Pending>();
  let subscriber: RedisClient | null = null;
  if (redis.kind === "redis") {
    subscriber = duplicateRedis(redis.client, { connectionName: `${redis.prefix}mcp-answers`.replace(/[^\w:.-]/g, "_") });
    subscriber.on("error", () => {});
    void subscriber.subscribe(channel()).catch(() => {});
    subscriber.on("message", (_channel, raw: string) => {
      try {
        const { sessionId, answer } = JSON.parse(raw) as { sessionId: string; answer: Answer };
        settle(pending, sessionId, answer);
      } catch {
        // not ours
      }
    });
  }
  return { pending, subscriber };
}
const state = (holder.latchMcpClientRequests ??= init());

function settle(pending: Map<string, Pending>, sessionId: string, answer: Answer): boolean {
  const waiting = pending.get(slot(sessionId, answer.id));
  if (!waiting) return false;
  pending.delete(slot(sessionId, answer.id));
  if (answer.error) waiting.reject(new McpError(answer.error.code, answer.error.message, answer.error.data));
  else waiting.resolve(answer.result);
  return true;
}

/** Sends `method` to the client on the response stream of its request `relatedRequestId`, and waits for the answer. */
export async function askClient(input: {
  sessionId: string;
  transport: Transport;
  relatedRequestId: RequestId;
  method: string;
  params: unknown;
  signal: AbortSignal;
}): Promise<unknown> {
  const id = `latch-${randomUUID()}`;
  const key = slot(input.sessionId, id);
  const answer = new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => fail(new McpError(ErrorCode.RequestTimeout, "The client did not answer in time.")), TIMEOUT_MS);
    timer.unref();
    const fail = (err: Error) => {
      clearTimeout(timer);
      state.pending.delete(key);
      reject(err);
    };
    state.pending.set(key, {
      resolve: (r) => (clearTimeout(timer), resolve(r)),
      reject: fail,
    });
    input.signal.addEventListener("abort", () => fail(new McpError(ErrorCode.ConnectionClosed, "The call was cancelled.")), { once: true });
  });
  await input.transport.send(
    { jsonrpc: "2.0", id, method: input.method, params: input.params as Record<string, unknown> },
    { relatedRequestId: input.relatedRequestId },
  );
  return answer;
}

const isAnswer = (m: unknown): m is Answer & { jsonrpc: "2.0" } =>
  typeof m === "object" && m !== null && !("method" in m) && "id" in m && ("result" in m || "error" in m);

/** A POST made only of answers to Latch's own requests: routed to their calls; false if it is anything else. */
export async function deliverAnswers(sessionId: string, messages: readonly unknown[]): Promise<boolean> {
  if (messages.length === 0 || !messages.every((m) => isAnswer(m) && String(m.id).startsWith("latch-"))) return false;
  for (const message of messages as (JSONRPCMessage & Answer)[]) {
    const answer: Answer = { id: message.id, ...("error" in message ? { error: message.error } : { result: message.result }) };
    if (settle(state.pending, sessionId, answer)) continue;
    if (redis.kind === "redis") await redis.client.publish(channel(), JSON.stringify({ sessionId, answer })).catch(() => {});
  }
  return true;
}
