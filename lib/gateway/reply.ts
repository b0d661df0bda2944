// What the gateway core answers with, before any framework: a status, headers, and a body that
// is text or a pull-based stream. Next route handlers turn it into a web Response
// (toWebResponse); the lean node:http server writes it to the socket directly, so the fast path
// never builds web streams.
export type ReplyStream = {
  /**
   * Reads the next piece: `chunk` may be null (nothing to send yet); `done` ends the stream.
   * Text is handed over as a string: a socket encodes it as it writes, with no copy in between.
   */
  pull(): Promise<{ chunk: string | Uint8Array | null; done: boolean }>;
  /** The client went away: stop the upstream and meter what was sent. */
  cancel(): void;
};

export type Reply = { status: number; headers: Record<string, string>; body: string | ReplyStream };

const encoder = new TextEncoder();

export function toWebResponse(reply: Reply): Response {
  const { body } = reply;
  if (typeof body === "string") return new Response(body, { status: reply.status, headers: reply.headers });
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { chunk, done } = await body.pull();
      if (chunk) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      if (done) controller.close();
    },
    cancel() {
      body.cancel();
    },
  });
  return new Response(stream, { status: reply.status, headers: reply.headers });
}
