// Adapters from our Redis backends to what the ledger and @upstash/ratelimit (the unknown-key
// throttle) call, and the batch of after-response writes the ledger shares with the usage stream.
import { createHash } from "node:crypto";
import type { Redis as UpstashRedis } from "@upstash/redis";
import { Cluster } from "ioredis";
import type { ScriptRunner } from "@/lib/policy/ledger/redis";
import { SettleBatch, tagOf } from "@/lib/policy/ledger/settle-batch";
import { ScriptPipeline, type ScriptBodies } from "@/lib/policy/script-pipeline";
import { replicated, waitsForReplicas, type RedisClient } from "@/lib/redis";

const shas = new Map<string, { body: string; sha: string }>();
function prepared(script: string) {
  let entry = shas.get(script);
  if (!entry) {
    // Stock Redis 7.0 rejects the `#!lua flags=…` shebang that @upstash/ratelimit scripts start with.
    const body = script.replace(/^#!lua[^\n]*\n/, "");
    entry = { body, sha: createHash("sha1").update(body).digest("hex") };
    shas.set(script, entry);
  }
  return entry;
}

const pipelines = new WeakMap<RedisClient, ScriptPipeline>();

/**
 * Which scripts were sent with their body: per connection, or per hash tag on a Cluster (whose
 * slots move between nodes). A script's first call carries its body (EVAL), later ones its sha: a
 * NOSCRIPT answer is retried after the calls behind it have run, so a settle whose script Redis
 * lacked would land after the reserve riding behind it. After a NOSCRIPT (a slot moved to a node
 * without them, a flush) the scripts of that connection or tag carry their bodies again. Untagged
 * keys on a Cluster (the unknown-key throttle's) keep EVALSHA and its fallback.
 */
class BodiesSent implements ScriptBodies {
  private readonly sent = new Set<string>();

  constructor(private readonly io: RedisClient) {
    // A new connection may be to another server (a restart, a promoted replica).
    if (!(io instanceof Cluster)) io.on("ready", () => this.sent.clear());
  }

  private scope(keys: string[]): string | null {
    if (!(this.io instanceof Cluster)) return "";
    return keys[0]?.includes("{") ? tagOf(keys[0]) : null;
  }

  /** Whether this call must carry the body; it counts as sent from now on. */
  first(keys: string[], sha: string): boolean {
    const scope = this.scope(keys);
    if (scope === null || this.sent.has(`${scope}|${sha}`)) return false;
    this.sent.add(`${scope}|${sha}`);
    return true;
  }

  /** A NOSCRIPT: the server behind these keys has none of the scripts sent so far. */
  lost(keys: string[]): void {
    const scope = this.scope(keys);
    if (scope !== null) for (const id of [...this.sent]) if (id.startsWith(`${scope}|`)) this.sent.delete(id);
  }
}

const bodies = new WeakMap<RedisClient, BodiesSent>();
function bodiesSent(io: RedisClient): BodiesSent {
  let sent = bodies.get(io);
  if (!sent) bodies.set(io, (sent = new BodiesSent(io)));
  return sent;
}

/** Runs `call` with EVAL or EVALSHA as the script's first call or not; a NOSCRIPT is sent again with the body. */
async function withBody<T>(io: RedisClient, script: string, keys: string[], call: (command: "eval" | "evalsha", script: string) => Promise<T>): Promise<T> {
  const { body, sha } = prepared(script);
  const sent = bodiesSent(io);
  if (sent.first(keys, sha)) return call("eval", body);
  try {
    return await call("evalsha", sha);
  } catch (err) {
    // NOSCRIPT: nothing ran, so running the body (which loads it) is not a second write.
    if (!String(err).includes("NOSCRIPT")) throw err;
    sent.lost(keys);
    sent.first(keys, sha);
    return call("eval", body);
  }
}

async function evalCached(io: RedisClient, script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  if (io instanceof Cluster) return withBody(io, script, keys, (command, text) => io[command](text, keys.length, ...keys, ...args));
  const { body, sha } = prepared(script);
  let pipeline = pipelines.get(io);
  if (!pipeline) pipelines.set(io, (pipeline = new ScriptPipeline(io, bodiesSent(io))));
  return pipeline.evalsha(sha, body, keys, args);
}

/**
 * Runs a script; with REDIS_WAIT_REPLICAS set, in one pipeline with WAIT, `durable` telling
 * whether that many replicas acknowledged it (without it, always true: nothing more was asked).
 */
async function evalDurable(io: RedisClient, script: string, keys: string[], args: (string | number)[]) {
  if (!waitsForReplicas()) return { value: await evalCached(io, script, keys, args), durable: true };
  return withBody(io, script, keys, (command, text) => replicated(io, (p) => p[command](text, keys.length, ...keys, ...args)));
}

const batches = new WeakMap<RedisClient, SettleBatch>();

/**
 * The one batch of after-response writes per client, shared by the ledger's settles and the usage
 * stream's appends so a request's settle and append leave in the same script call. On a Cluster
 * a call holds one hash tag's keys (one slot); a single node or Sentinel takes any keys in one.
 */
export function afterResponseBatch(io: RedisClient): SettleBatch {
  let batch = batches.get(io);
  if (!batch) {
    const cluster = io instanceof Cluster;
    batch = new SettleBatch({ evalDurable: (script, keys, args) => evalDurable(io, script, keys, args), groupOf: cluster ? tagOf : () => "" });
    batches.set(io, batch);
  }
  return batch;
}

const evalReplicated = async (io: RedisClient, script: string, keys: string[], args: (string | number)[]) => (await evalDurable(io, script, keys, args)).value;

/** The ledger's scripts, acknowledged by REDIS_WAIT_REPLICAS replicas when that is set. */
export function ioredisRunner(io: RedisClient): ScriptRunner {
  const run = waitsForReplicas() ? evalReplicated : evalCached;
  return {
    eval: (script, keys, args) => run(io, script, keys, args),
    setBase: async (key, value, expiresAt) => {
      await io.set(key, value, "PXAT", expiresAt, "NX");
    },
    settles: afterResponseBatch(io),
  };
}

/** Upstash's REST calls: settles batch per hash tag too (one call per org and turn), safe wherever its keys live. */
export function upstashRunner(client: UpstashRedis): ScriptRunner {
  const evalScript = (script: string, keys: string[], args: (string | number)[]) => client.eval(script, keys, args.map(String));
  return {
    eval: evalScript,
    setBase: async (key, value, expiresAt) => {
      await client.set(key, value, { nx: true, pxat: expiresAt });
    },
    settles: new SettleBatch({ evalDurable: async (script, keys, args) => ({ value: await evalScript(script, keys, args), durable: true }), groupOf: tagOf }),
  };
}

// @upstash/ratelimit asks for its scripts by the sha of their original text (with the shebang
// Redis 7.0 rejects); once a script went through eval we know our stripped twin and run that.
const NOSCRIPT = Object.assign(new Error("NOSCRIPT"), { stack: "" });
const byUpstashSha = new Map<string, string>();

/** The subset of @upstash/redis that @upstash/ratelimit uses, served by ioredis. */
export function ioredisForRatelimit(io: RedisClient): UpstashRedis {
  return {
    evalsha: (sha: string, keys: string[], args: unknown[]) => {
      const script = byUpstashSha.get(sha);
      // Unknown: ratelimit falls back to eval(script), which registers it. A shared error
      // object: no stack capture per call.
      return script === undefined ? Promise.reject(NOSCRIPT) : evalCached(io, script, keys, args as (string | number)[]);
    },
    eval: (script: string, keys: string[], args: unknown[]) => {
      if (byUpstashSha.size < 100) byUpstashSha.set(createHash("sha1").update(script).digest("hex"), script);
      return evalCached(io, script, keys, args as (string | number)[]);
    },
    hset: (key: string, obj: Record<string, unknown>) => io.hset(key, obj as Record<string, string>),
  } as unknown as UpstashRedis;
}
