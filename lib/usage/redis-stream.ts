// Durable hand-over through a Redis Stream: the hot path appends its event (in the same script call
// as its settle and the other requests' queued with it, not awaited by the client); a consumer group
// writes batches to Postgres and acknowledges only after the write.
// An instance killed after accepting events loses nothing: undelivered entries are read by any
// instance, and entries delivered to a dead consumer are claimed once idle.
import os from "node:os";
import { duplicateRedis, type RedisClient } from "@/lib/redis";
import { afterResponseBatch } from "@/lib/policy/redis-runner";
import type { SettleBatch } from "@/lib/policy/ledger/settle-batch";
import { deadLetter, writeIsolatingPoison } from "@/lib/usage/isolate-poison";
import type { UsageEvent } from "@/lib/usage/event";

const GROUP = "writers";
const BATCH = 500;
const GATHER_MS = 250;
type Entry = [id: string, fields: string[]];

export class RedisStreamUsage {
  private readonly consumer = `${os.hostname()}-${process.pid}`;
  private readonly reader: RedisClient;
  private readonly appends: SettleBatch;
  private sending = new Set<Promise<unknown>>();
  private draining: Promise<number> | null = null;
  private started = false;
  failedWrites = 0;
  deadLettered = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly stream: string,
    private readonly claimIdleMs: number,
    private readonly fallback: (event: UsageEvent) => void,
  ) {
    // The blocking read waits up to a second by design: its connection gets a timeout above that,
    // so an idle stream is not mistaken for a failed command.
    this.reader = duplicateRedis(redis, { commandTimeout: 10_000 });
    this.reader.on("error", () => {});
    this.appends = afterResponseBatch(redis);
  }

  record(event: UsageEvent): void {
    this.start();
    // Failed, or not on enough replicas (REDIS_WAIT_REPLICAS: a failover could drop the entry):
    // the event is also written directly; the write is idempotent by id, so landing twice costs nothing.
    const sent = this.appends.append(this.stream, JSON.stringify(event)).then((landed) => landed || this.fallback(event));
    this.sending.add(sent);
    void sent.finally(() => this.sending.delete(sent));
  }

  get pendingSends(): number {
    return this.sending.size;
  }

  private start() {
    if (this.started) return;
    this.started = true;
    void this.redis.xgroup("CREATE", this.stream, GROUP, "0", "MKSTREAM").catch(() => {}); // exists already: fine
    void this.loop();
  }

  private async loop() {
    for (;;) {
      try {
        const n = await this.drainOnce(1_000);
        // A partial batch means the stream is drained: let the next one gather for a moment, so
        // Postgres sees a few large writes instead of one per request (CPU on the serving process).
        if (n < BATCH) await sleep(n === 0 ? 50 : GATHER_MS);
      } catch {
        this.failedWrites++;
        await sleep(2_000);
      }
    }
  }

  /** Reads one batch (own pending first, then stale entries of others, then new), writes, acks. */
  private drainOnce(blockMs: number | null): Promise<number> {
    const run = async () => {
      const entries = (await this.read("0", null)) ?? (await this.claimStale()) ?? (await this.read(">", blockMs)) ?? [];
      if (entries.length === 0) return 0;
      // Entries are single events as JSON: joined into an array, they go to Postgres unparsed.
      const events = entries.flatMap(([, fields]) => (fields[1] ? [fields[1]] : []));
      await writeIsolatingPoison(events, async (event, error) => {
        await deadLetter(event, error);
        this.deadLettered++;
      });
      const ids = entries.map(([id]) => id);
      await this.redis
        .multi()
        .xack(this.stream, GROUP, ...ids)
        .xdel(this.stream, ...ids)
        .exec();
      return entries.length;
    };
    const previous = this.draining ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(run);
    this.draining = next;
    return next;
  }

  private async read(id: "0" | ">", blockMs: number | null): Promise<Entry[] | null> {
    const args: (string | number)[] = ["GROUP", GROUP, this.consumer, "COUNT", BATCH];
    if (blockMs !== null) args.push("BLOCK", blockMs);
    const client = blockMs !== null ? this.reader : this.redis;
    const reply = (await client.call("XREADGROUP", ...args, "STREAMS", this.stream, id)) as [string, Entry[]][] | null;
    const entries = reply?.[0]?.[1] ?? [];
    return entries.length ? entries : null;
  }

  private async claimStale(): Promise<Entry[] | null> {
    const reply = (await this.redis.call("XAUTOCLAIM", this.stream, GROUP, this.consumer, this.claimIdleMs, "0", "COUNT", BATCH)) as [string, Entry[]];
    const entries = reply?.[1]?.filter((e) => e && e[1]) ?? [];
    return entries.length ? entries : null;
  }

  /** Waits for sent events to land in the stream, then writes everything readable now. */
  async flush(): Promise<void> {
    this.start();
    await Promise.allSettled([...this.sending]);
    while ((await this.drainOnce(null)) > 0);
  }

  async backlog(): Promise<number> {
    return Number(await this.redis.xlen(this.stream).catch(() => -1));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
