import { describe, expect, it } from "vitest";
import { periodWindow } from "@/lib/policy/periods";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe("period windows", () => {
  it("daily, weekly and monthly in UTC", () => {
    const now = Date.parse("2026-11-18T15:30:00Z"); // a Wednesday
    expect(iso(periodWindow("daily", "UTC", now).start)).toBe("2026-11-18T00:00:00.000Z");
    expect(iso(periodWindow("daily", "UTC", now).end)).toBe("2026-11-19T00:00:00.000Z");
    expect(iso(periodWindow("weekly", "UTC", now).start)).toBe("2026-11-16T00:00:00.000Z");
    expect(iso(periodWindow("monthly", "UTC", now).start)).toBe("2026-11-01T00:00:00.000Z");
    expect(iso(periodWindow("monthly", "UTC", now).end)).toBe("2026-12-01T00:00:00.000Z");
    expect(periodWindow("lifetime", "UTC", now)).toEqual({ start: 0, end: null });
  });

  it("aligns to the org's time zone, across year ends and DST", () => {
    const now = Date.parse("2026-12-31T23:30:00Z"); // already 2027 in Berlin
    expect(iso(periodWindow("monthly", "Europe/Berlin", now).start)).toBe("2026-12-31T23:00:00.000Z");
    expect(iso(periodWindow("monthly", "America/New_York", now).start)).toBe("2026-12-01T05:00:00.000Z");
    // US DST starts 2026-03-08: that day is 23 hours long in New York.
    const w = periodWindow("daily", "America/New_York", Date.parse("2026-03-08T12:00:00Z"));
    expect(iso(w.start)).toBe("2026-03-08T05:00:00.000Z");
    expect(iso(w.end)).toBe("2026-03-09T04:00:00.000Z");
  });

  it("the boundary instant belongs to the next period", () => {
    const boundary = Date.parse("2026-12-01T00:00:00Z");
    expect(periodWindow("monthly", "UTC", boundary).start).toBe(boundary);
    expect(periodWindow("monthly", "UTC", boundary - 1).end).toBe(boundary);
  });
});
