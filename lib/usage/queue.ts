// Hands usage events from the hot path to Postgres without awaiting it: events are buffered
// and written in batches (idempotent by request id), on an interval and on shutdown.
import { writeUsageBatch } from "@/lib/usage/writer";
import type { UsageEvent } from "@/lib/usage/event";

const BATCH_SIZE = 500;
const FLUSH_INTERVAL_MS = 1_000;

class UsageQueue {
  private buffer: UsageEvent[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  failures = 0;

  enqueue(event: UsageEvent): void {
    this.buffer.push(event);
    if (this.buffer.length >= BATCH_SIZE) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered; failed batches go back to the front and are retried later. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    const batch = this.buffer.splice(0, BATCH_SIZE);
    this.flushing = writeUsageBatch(batch)
      .catch(() => {
        this.failures++;
        this.buffer.unshift(...batch);
        if (!this.timer) {
          this.timer = setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS * 5);
          this.timer.unref();
        }
      })
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
    if (this.buffer.length >= BATCH_SIZE) await this.flush();
  }
}

const globalForQueue = globalThis as unknown as { latchUsageQueue?: UsageQueue };
export const usageQueue = (globalForQueue.latchUsageQueue ??= new UsageQueue());

export function recordUsage(event: UsageEvent): void {
  usageQueue.enqueue(event);
}
