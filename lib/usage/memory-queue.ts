// In-process usage queue: batches events to Postgres on an interval and on shutdown. Used in
// embedded mode, and as the fallback when the Redis stream cannot take an event. If Postgres is
// down, events wait here (bounded) and are written when it returns.
import { deadLetter, writeIsolatingPoison } from "@/lib/usage/isolate-poison";
import type { UsageEvent } from "@/lib/usage/event";

const BATCH_SIZE = 500;
const FLUSH_INTERVAL_MS = 1_000;
const RETRY_INTERVAL_MS = 2_000;
/** Above this many waiting events (Postgres down for long), new events are counted and dropped. */
const MAX_PENDING = 1_000_000;

export class MemoryUsageQueue {
  private buffer: UsageEvent[] = [];
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  failedWrites = 0;
  dropped = 0;
  deadLettered = 0;

  get pending(): number {
    return this.buffer.length;
  }

  enqueue(event: UsageEvent): void {
    if (this.buffer.length >= MAX_PENDING) {
      this.dropped++;
      return;
    }
    this.buffer.push(event);
    if (this.buffer.length >= BATCH_SIZE) void this.flush().catch(() => {});
    else this.schedule(FLUSH_INTERVAL_MS);
  }

  private schedule(ms: number) {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => {});
    }, ms);
    this.timer.unref();
  }

  /** Writes everything buffered; throws (keeping the events) if Postgres refuses. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    while (this.buffer.length) {
      const batch = this.buffer.slice(0, BATCH_SIZE);
      const write = writeIsolatingPoison(
        batch.map((event) => JSON.stringify(event)),
        async (event, error) => {
          await deadLetter(event, error);
          this.deadLettered++;
        },
      );
      this.running = write.finally(() => (this.running = null));
      try {
        await this.running;
        this.buffer.splice(0, batch.length);
      } catch (err) {
        this.failedWrites++;
        this.schedule(RETRY_INTERVAL_MS);
        throw err;
      }
    }
  }
}
