import { describe, expect, it } from "vitest";
import { periodWindow } from "@/lib/policy/periods";

describe("periodWindow reuse", () => {
  it("answers the same window for every instant in it, and moves on at its end", () => {
    const tz = "Europe/Paris";
    const mid = Date.UTC(2026, 2, 15, 12);
    const first = periodWindow("monthly", tz, mid);
    expect(periodWindow("monthly", tz, first.start)).toEqual(first);
    expect(periodWindow("monthly", tz, first.end! - 1)).toEqual(first);
    const next = periodWindow("monthly", tz, first.end!);
    expect(next.start).toBe(first.end);
    // Going back in time (tests, clock skew) recomputes rather than reusing.
    expect(periodWindow("monthly", tz, first.start - 1).end).toBe(first.start);
    expect(periodWindow("daily", tz, mid)).toEqual({ start: Date.UTC(2026, 2, 14, 23), end: Date.UTC(2026, 2, 15, 23) });
  });
});
