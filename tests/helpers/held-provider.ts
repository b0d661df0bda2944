// An OpenAI-shaped provider that bills every request at its worst (all the output tokens the
// request allows) and holds every answer until released: a barrier, so a race test has all its
// requests in flight before any settles, whatever the machine's speed.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type HeldProvider = {
  url: string;
  /** The output ceiling each request arrived with, in arrival order. */
  ceilings: number[];
  /** Answers every held request, and every later one at once. */
  release(): void;
  close(): Promise<void>;
};

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
}

/** `promptTokens`: the input it reports for every request. */
export async function startHeldProvider({ promptTokens }: { promptTokens: number }): Promise<HeldProvider> {
  const ceilings: number[] = [];
  let open: () => void = () => {};
  const released = new Promise<void>((resolve) => (open = resolve));
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readJson(req);
      const ceiling = Number(body.max_tokens ?? body.max_completion_tokens ?? 0);
      ceilings.push(ceiling);
      await released;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: `chatcmpl-held-${ceilings.length}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: "assistant", content: "done" }, finish_reason: "length" }],
          usage: { prompt_tokens: promptTokens, completion_tokens: ceiling, total_tokens: promptTokens + ceiling },
        }),
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ceilings,
    release: () => open(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
