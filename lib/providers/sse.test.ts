import { describe, expect, it } from "vitest";
import { SseParser } from "@/lib/providers/sse";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("SseParser", () => {
  it("parses events split across chunks and keeps their raw text", () => {
    const p = new SseParser();
    expect(p.push(bytes('data: {"a":'))).toEqual([]);
    const events = p.push(bytes("1}\n\nevent: ping\ndata: {}\n\n"));
    expect(events).toEqual([
      { event: null, data: '{"a":1}', raw: 'data: {"a":1}\n\n' },
      { event: "ping", data: "{}", raw: "event: ping\ndata: {}\n\n" },
    ]);
  });

  it("reads one-line data events as the field rules say: one leading space dropped, no more", () => {
    const events = new SseParser().push(bytes('data:{"a":1}\n\ndata: \n\ndata:  two\n\ndata: x\ndata: y\n\n'));
    expect(events.map((e) => e.data)).toEqual(['{"a":1}', "", " two", "x\ny"]);
    expect(events.every((e) => e.event === null)).toBe(true);
  });

  it("handles CRLF, comments, multi-line data and a trailing unterminated event", () => {
    const p = new SseParser();
    expect(p.push(bytes(": keepalive\r\n\r\ndata: a\r\ndata: b\r\n\r\n"))).toEqual([{ event: null, data: "a\nb", raw: "data: a\ndata: b\n\n" }]);
    expect(p.push(bytes("data: [DONE]"))).toEqual([]);
    expect(p.end()).toEqual([{ event: null, data: "[DONE]", raw: "data: [DONE]\n\n" }]);
  });

  it("decodes multi-byte characters split between chunks", () => {
    const p = new SseParser();
    const all = bytes("data: héllo\n\n");
    expect(p.push(all.slice(0, 8))).toEqual([]);
    expect(p.push(all.slice(8))[0]?.data).toBe("héllo");
  });
});
