import { describe, expect, it } from "vitest";
import { readClientHeaders } from "./client-headers";
import { retryDelayMs } from "./retry-after";

const headers = (h: Record<string, string>) => new Headers(h);

describe("readClientHeaders", () => {
  it("keeps every well-formed beta once, in order, and a dated version", () => {
    expect(readClientHeaders(headers({ "anthropic-version": "2023-06-01", "anthropic-beta": "a-2025-01-01, b-2025-02-02,a-2025-01-01,," }))).toEqual({
      anthropicVersion: "2023-06-01",
      anthropicBeta: ["a-2025-01-01", "b-2025-02-02"],
    });
  });

  it("drops anything that is not a beta name or a version date", () => {
    expect(readClientHeaders(headers({ "anthropic-version": "latest; x=1", "anthropic-beta": "ok-1, not a beta, x=y" }))).toEqual({
      anthropicVersion: null,
      anthropicBeta: ["ok-1"],
    });
    expect(readClientHeaders(headers({ authorization: "Bearer sk-latch-x" }))).toEqual({ anthropicVersion: null, anthropicBeta: [] });
  });
});

describe("retryDelayMs", () => {
  it("prefers retry-after-ms, then retry-after in seconds or as a date", () => {
    expect(retryDelayMs(headers({ "retry-after-ms": "150", "retry-after": "30" }))).toBe(150);
    expect(retryDelayMs(headers({ "retry-after": "1.5" }))).toBe(1500);
    const now = Date.parse("2026-12-03T12:00:00Z");
    expect(retryDelayMs(headers({ "retry-after": "Thu, 03 Dec 2026 12:00:04 GMT" }), now)).toBe(4000);
    expect(retryDelayMs(headers({ "retry-after": "soon" }))).toBeNull();
    expect(retryDelayMs(headers({}))).toBeNull();
  });
});
