import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { chunkReader } from "@/lib/gateway/chunk-reader";

const text = (v?: Uint8Array) => Buffer.from(v ?? []).toString();

describe("chunkReader", () => {
  it("hands over chunks in order, joins those that arrived unread, and holds the stream past its high-water mark", async () => {
    const stream = new PassThrough();
    const reader = chunkReader(stream, async () => {});
    const first = reader.read();
    stream.write("a");
    expect(text((await first).value)).toBe("a");
    stream.write("b");
    stream.write("c");
    await new Promise((r) => setImmediate(r));
    expect(stream.isPaused()).toBe(false);
    expect(text((await reader.read()).value)).toBe("bc");
    stream.write(Buffer.alloc(70 * 1024, "x"));
    await new Promise((r) => setImmediate(r));
    expect(stream.isPaused()).toBe(true);
    expect((await reader.read()).value?.byteLength).toBe(70 * 1024);
    expect(stream.isPaused()).toBe(false);
    stream.end("d");
    expect(text((await reader.read()).value)).toBe("d");
    expect(await reader.read()).toEqual({ done: true });
  });

  it("rejects on a stream error and on a close without an end", async () => {
    const failing = new PassThrough();
    const a = chunkReader(failing, async () => {});
    const pending = a.read();
    failing.destroy(new Error("boom"));
    await expect(pending).rejects.toThrow("boom");
    const closing = new PassThrough();
    const b = chunkReader(closing, async () => {});
    closing.destroy();
    await expect(b.read()).rejects.toThrow(/closed before its end/);
  });

  it("discards what still arrives once cancelled, without pausing the stream again", async () => {
    const stream = new PassThrough();
    let cancelled = 0;
    const reader = chunkReader(stream, async () => void cancelled++);
    stream.write("x");
    await new Promise((r) => setImmediate(r));
    await reader.cancel();
    stream.resume();
    stream.write("y");
    await new Promise((r) => setImmediate(r));
    expect(cancelled).toBe(1);
    expect(stream.isPaused()).toBe(false);
  });
});
