import { describe, expect, it } from "vitest";
import { RefreshingCache } from "@/lib/gateway/refreshing-cache";

function loader() {
  const calls: string[] = [];
  let fail = false;
  let version = 1;
  const load = async (key: string) => {
    calls.push(key);
    if (fail) throw new Error("database unreachable");
    return { key, version };
  };
  return { calls, load, setFail: (f: boolean) => (fail = f), bump: () => version++ };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("RefreshingCache", () => {
  it("loads unknown entries once, however many ask at the same time", async () => {
    const l = loader();
    const cache = new RefreshingCache(l.load, { max: 10, freshMs: 1_000, maxStaleMs: 10_000 });
    const [a, b] = await Promise.all([cache.get("k"), cache.get("k")]);
    expect(a).toBe(b);
    expect(l.calls).toEqual(["k"]);
  });

  it("serves a stale entry at once and refreshes it in the background", async () => {
    const l = loader();
    const cache = new RefreshingCache(l.load, { max: 10, freshMs: 1_000, maxStaleMs: 10_000 });
    await cache.get("k");
    l.bump();
    const now = Date.now() + 2_000;
    expect(cache.peek("k", now)).toMatchObject({ version: 1 }); // stale, not waited for
    await tick();
    expect(l.calls).toEqual(["k", "k"]);
    expect(cache.peek("k")).toMatchObject({ version: 2 });
  });

  it("keeps serving while refreshes fail, retrying at most once a second, until maxStaleMs", async () => {
    const l = loader();
    const cache = new RefreshingCache(l.load, { max: 10, freshMs: 1_000, maxStaleMs: 10_000 });
    await cache.get("k");
    l.setFail(true);
    const start = Date.now();
    for (let ms = 2_000; ms < 3_000; ms += 100) {
      expect(cache.peek("k", start + ms)).toMatchObject({ version: 1 });
      await tick();
    }
    expect(l.calls).toHaveLength(2); // one failed refresh in that second
    expect(cache.peek("k", start + 11_000)).toBeUndefined(); // too old to trust: loaded inline again
  });

  it("an eviction during a load keeps that load's (possibly outdated) value out of the cache", async () => {
    let release: (v: { v: number }) => void = () => {};
    let n = 0;
    const cache = new RefreshingCache(() => new Promise<{ v: number }>((r) => ((release = r), n++)), { max: 10, freshMs: 1_000, maxStaleMs: 10_000 });
    const pending = cache.get("k");
    cache.delete("k");
    release({ v: 1 });
    await pending;
    expect(cache.peek("k")).toBeUndefined();
    expect(n).toBe(1);
  });
});
