// Adapters from our Redis backends to what the ledger and @upstash/ratelimit (the unknown-key
// throttle) call, and the batch of after-response writes the ledger shares with the usage stream.
import { createHash } from "node:crypto";
import type { Redis as UpstashRedis } from "@upstash/redis";
import { Cluster } from "ioredis";
import type { ScriptRunner } from "@/lib/policy/ledger/redis";
import { SettleBatch, tagOf } from "@/lib/policy/ledger/settle-batch";
import { ScriptPipeline } from "@/lib/policy/script-pipeline";
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
 * On a Cluster, the scripts each hash tag's node was sent the body of. A script's first call for a
 * tag carries its body (EVAL), later ones its sha: a NOSCRIPT answer is retried after the calls
 * behind it have run, so a settle whose script the node lacked would land after the reserve riding
 * behind it. A NOSCRIPT (the tag's slot moved to a node without them) sends the tag's scripts with
 * their bodies again. Keys without a tag (the unknown-key throttle's) keep EVALSHA and its fallback.
 */
const bodiesSent = new WeakMap<Cluster, Set<string>>();

async function evalOnCluster(io: Cluster, body: string, sha: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  let sent = bodiesSent.get(io);
  if (!sent) bodiesSent.set(io, (sent = new Set()));
  const tag = keys[0]?.includes("{") ? tagOf(keys[0]) : null;
  const id = `${tag}|${sha}`;
  if (tag && !sent.has(id)) {
    sent.add(id);
    return io.eval(body, keys.length, ...keys, ...args);
  }
  try {
    return await io.evalsha(sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (!String(err).includes("NOSCRIPT")) throw err;
    if (tag) for (const other of [...sent]) if (other.startsWith(`${tag}|`) && other !== id) sent.delete(other);
    return io.eval(body, keys.length, ...keys, ...args);
  }
}

async function evalCached(io: RedisClient, script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  const { body, sha } = prepared(script);
  if (io instanceof Cluster) return evalOnCluster(io, body, sha, keys, args);
  let pipeline = pipelines.get(io);
  if (!pipeline) pipelines.set(io, (pipeline = new ScriptPipeline(io)));
  return pipeline.evalsha(sha, body, keys, args);
}

/**
 * Runs a script; with REDIS_WAIT_REPLICAS set, in one pipeline with WAIT, `durable` telling
 * whether that many replicas acknowledged it (without it, always true: nothing more was asked).
 */
async function evalDurable(io: RedisClient, script: string, keys: string[], args: (string | number)[]) {
  if (!waitsForReplicas()) return { value: await evalCached(io, script, keys, args), durable: true };
  const { body, sha } = prepared(script);
  try {
    return await replicated(io, (p) => p.evalsha(sha, keys.length, ...keys, ...args));
  } catch (err) {
    // NOSCRIPT: nothing ran, so running the body (which loads it) is not a second write.
    if (!String(err).includes("NOSCRIPT")) throw err;
    return await replicated(io, (p) => p.eval(body, keys.length, ...keys, ...args));
  }
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
