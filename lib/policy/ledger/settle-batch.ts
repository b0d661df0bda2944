// After its response a request costs Redis at most one command, and usually none of its own: the
// settles and usage appends queued go out together, one script call per group of keys that may
// share one (Redis Cluster: one hash tag; a single node or Sentinel: all), with the next reserve
// (in the same write to the socket, ahead of it) or SETTLE_DELAY_MS later, whichever comes first.
// The clients already have their answers, so waiting delays none of them; a hold outlives its
// request by that much at most, and settles always reach Redis before the reserves sent after them.
import { LOST_SETTLE_MS, type SettleInput } from "@/lib/policy/ledger/types";
import { SETTLE_SCRIPT } from "@/lib/policy/ledger/redis-scripts";

/** What the batch needs of a backend. */
export type BatchRunner = {
  /** `durable`: acknowledged by the replicas REDIS_WAIT_REPLICAS asks for (true when it asks none). */
  evalDurable(script: string, keys: string[], args: (string | number)[]): Promise<{ value: unknown; durable: boolean }>;
  /** Keys of one group may go in one script call. */
  groupOf(key: string): string;
};

type QueuedSettle = { input: SettleInput; attempt: number; resolve(totals: number[]): void; reject(err: unknown): void };
type QueuedAppend = { stream: string; entry: string; resolve(landed: boolean): void };
type Group = { settles: QueuedSettle[]; appends: QueuedAppend[] };

// Settles are idempotent (the marker), so retrying one whose reply was lost cannot count twice.
const SETTLE_RETRY_MS = [100, 250, 500, 1_000, 2_000, 2_000];
/** Settles and appends per script call: bounds how long one call holds Redis. */
const MAX_PER_CALL = 128;
/**
 * How long settles wait for a reserve to ride with. At the rates where it matters (hundreds of
 * requests per second per instance) one always comes sooner: each request then writes to Redis
 * once, not twice; a syscall on this path costs more than the rest of a settle.
 */
const SETTLE_DELAY_MS = 5;

export class SettleBatch {
  private queued = new Map<string, Group>();
  private timer: NodeJS.Timeout | null = null;
  /** Calls sent and retries waiting: what drain() waits for. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly runner: BatchRunner) {}

  /**
   * Replaces the hold by actual amounts; resolves with each counter's new total (-1 if unknown).
   * Retried through a failover: a settle that never lands would let a cap be overshot.
   */
  settle(input: SettleInput): Promise<number[]> {
    return new Promise((resolve, reject) => this.queueSettle({ input, attempt: 0, resolve, reject }));
  }

  /**
   * Appends an entry to a stream; resolves false when it may not have landed durably (the call
   * failed, or too few replicas acknowledged it): then the caller writes it another way. Not
   * retried here, so a retried batch carries no append twice.
   */
  append(stream: string, entry: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.group(this.runner.groupOf(stream)).appends.push({ stream, entry, resolve });
      this.schedule();
    });
  }

  /** Resolves once everything queued so far has landed or given up, retries included (shutdown). */
  async drain(): Promise<void> {
    while (this.queued.size || this.pending.size) {
      this.send();
      await Promise.allSettled([...this.pending]);
    }
  }

  private queueSettle(settle: QueuedSettle) {
    this.group(this.runner.groupOf(firstKey(settle.input))).settles.push(settle);
    this.schedule();
  }

  private group(id: string): Group {
    let group = this.queued.get(id);
    if (!group) this.queued.set(id, (group = { settles: [], appends: [] }));
    return group;
  }

  private schedule() {
    this.timer ??= setTimeout(() => this.send(), SETTLE_DELAY_MS);
  }

  /**
   * Sends what is queued now: called just before a reserve goes to the same client, so they leave
   * in one write, the settles first (a slot or budget they free is free for that reserve).
   */
  sendQueued(): void {
    if (this.queued.size) this.send();
  }

  private send() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const groups = this.queued;
    this.queued = new Map();
    for (const { settles, appends } of groups.values())
      for (let s = 0, a = 0; s < settles.length || a < appends.length; ) {
        const settleCount = Math.min(settles.length - s, MAX_PER_CALL);
        const appendCount = Math.min(appends.length - a, MAX_PER_CALL - settleCount);
        this.call(settles.slice(s, (s += settleCount)), appends.slice(a, (a += appendCount)));
      }
  }

  private call(settles: QueuedSettle[], appends: QueuedAppend[]) {
    const keys: string[] = [];
    const args: (string | number)[] = [settles.length];
    for (const { input } of settles) pushSettle(keys, args, input);
    for (const { stream, entry } of appends) {
      keys.push(stream);
      args.push(entry);
    }
    const sent = this.runner.evalDurable(SETTLE_SCRIPT, keys, args).then(
      ({ value, durable }) => {
        const reply = (value ?? []) as number[];
        let at = 0;
        for (const { input, resolve } of settles) {
          const count = Number(reply[at++] ?? 0);
          resolve(input.items.map((_, i) => (i < count ? Number(reply[at + i]) : -1)));
          at += count;
        }
        for (const append of appends) append.resolve(durable);
      },
      (err: unknown) => {
        for (const append of appends) append.resolve(false);
        this.retry(settles, err);
      },
    );
    this.track(sent);
  }

  /** The settles of a failed call go out again together: one timer per attempt, so they share a call. */
  private retry(settles: QueuedSettle[], err: unknown) {
    const byAttempt = new Map<number, QueuedSettle[]>();
    for (const settle of settles) {
      if (SETTLE_RETRY_MS[settle.attempt] === undefined) settle.reject(err);
      else byAttempt.set(settle.attempt, [...(byAttempt.get(settle.attempt) ?? []), settle]);
    }
    for (const [attempt, again] of byAttempt)
      this.track(
        new Promise((r) => setTimeout(r, SETTLE_RETRY_MS[attempt])).then(() => {
          for (const settle of again) this.queueSettle({ ...settle, attempt: attempt + 1 });
        }),
      );
  }

  private track(promise: Promise<unknown>) {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }
}

/** The hash tag ({o:<id>}, with the key prefix before it) of a ledger key; the key itself without one. */
export function tagOf(key: string): string {
  const tagEnd = key.indexOf("}");
  return tagEnd > 0 ? key.slice(0, tagEnd + 1) : key;
}

/** The hold's marker, under the same hash tag as the counters it sits beside. */
export const markerKey = (firstKey: string, holdId: string) => `${tagOf(firstKey)}:m:${holdId}`;

/** The org's in-flight set, for calls that were not given it (same key `inflightSet` names). */
export const inflightKey = (firstKey: string) => `${tagOf(firstKey)}:if`;

const firstKey = ({ items, concurrency, inflight }: SettleInput) => items[0]?.counter ?? concurrency?.counter ?? inflight!;

/** One settle's keys and arguments, as SETTLE_SCRIPT reads them. */
function pushSettle(keys: string[], args: (string | number)[], input: SettleInput) {
  const { holdId, items, concurrency, inflight, lost } = input;
  const first = firstKey(input);
  const set = inflight ?? inflightKey(first);
  for (const item of items) keys.push(item.counter);
  keys.push(concurrency?.counter ?? first, set, `${set}:d`, markerKey(first, holdId));
  args.push(holdId, items.length, concurrency ? "1" : "0", lost ? LOST_SETTLE_MS : "");
  for (const item of items) args.push(item.amount);
}
