import { describe, expect, it } from "vitest";
import { mark, serverTimingHeaders, type TimingMarks } from "@/lib/gateway/server-timing";

describe("Server-Timing", () => {
  it("reports each phase since the previous mark, and Latch's own total without upstream", () => {
    const ctx = { startedAt: 100, timings: [] as TimingMarks };
    ctx.timings.push({ phase: "auth", at: 100.5 }, { phase: "limits", at: 101 }, { phase: "upstream", at: 111 }, { phase: "respond", at: 111.25 });
    expect(serverTimingHeaders(ctx)).toEqual({
      "server-timing": "auth;dur=0.500, limits;dur=0.500, upstream;dur=10.000, respond;dur=0.250, latch;dur=1.250",
    });
  });

  it("adds nothing when switched off", () => {
    const ctx = { startedAt: 0, timings: null };
    mark(ctx, "auth");
    expect(serverTimingHeaders(ctx)).toEqual({});
  });
});
