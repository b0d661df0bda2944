// A bounded in-process cache that never makes a request wait for a refresh: an entry older than
// `freshMs` is still served while one background load replaces it (stale-while-revalidate). When
// that load fails (Postgres unreachable), the old value keeps serving, up to `maxStaleMs`, and the
// refresh is retried at most once a second. Only unknown entries are loaded inline.
// Changes that must apply at once (revocation, policy edits) evict entries explicitly.
import { LRUCache } from "lru-cache";

type Slot<V> = { value: V; loadedAt: number; retryAt: number };

export type RefreshingCacheOptions = { max: number; freshMs: number; maxStaleMs: number };

const RETRY_MS = 1_000;

export class RefreshingCache<V extends object | symbol> {
  private readonly slots: LRUCache<string, Slot<V>>;
  private readonly inflight = new Map<string, Promise<V>>();

  constructor(
    private readonly load: (key: string) => Promise<V>,
    private readonly options: RefreshingCacheOptions,
  ) {
    this.slots = new LRUCache<string, Slot<V>>({ max: options.max });
  }

  /** The cached value (fresh, or stale while it refreshes), or undefined when there is none. */
  peek(key: string, now = Date.now()): V | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    const age = now - slot.loadedAt;
    if (age > this.options.maxStaleMs) return undefined;
    if (age > this.options.freshMs && now >= slot.retryAt && !this.inflight.has(key)) {
      slot.retryAt = now + RETRY_MS;
      this.fetch(key).catch(() => {}); // keeps serving the old value
    }
    return slot.value;
  }

  /** The cached value, or loads it (one load per key at a time). */
  async get(key: string): Promise<V> {
    const cached = this.peek(key);
    return cached !== undefined ? cached : this.fetch(key);
  }

  delete(key: string): void {
    this.slots.delete(key);
    this.inflight.delete(key);
  }

  clear(): void {
    this.slots.clear();
    this.inflight.clear();
  }

  *values(): IterableIterator<[string, V]> {
    for (const [key, slot] of this.slots.entries()) yield [key, slot.value];
  }

  private fetch(key: string): Promise<V> {
    let pending = this.inflight.get(key);
    if (!pending) {
      const started = Date.now();
      pending = this.load(key)
        .then((value) => {
          // An eviction during the load means the value may already be outdated: do not keep it.
          if (this.inflight.get(key) === pending) this.slots.set(key, { value, loadedAt: started, retryAt: 0 });
          return value;
        })
        .finally(() => {
          if (this.inflight.get(key) === pending) this.inflight.delete(key);
        });
      this.inflight.set(key, pending);
    }
    return pending;
  }
}
