// "Postgres is unreachable" told apart from other database errors, on errors the real stack
// throws: a relay in front of this worker's Postgres that is cut, a port nobody listens on, and
// a reachable database answering with an ordinary error. Then the 503 marking of a response.
import http from "node:http";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter } from "@/lib/db/engine";
import { DATABASE_UNAVAILABLE_DIGEST, DatabaseUnavailableError, isDatabaseUnavailable, orUnavailable } from "@/lib/db/unavailable";
import { markDatabaseUnavailable, OUTAGE_RETRY_AFTER_SECONDS, withResponseMarks } from "@/lib/server/response-status";
import { startTcpProxy } from "@/tests/helpers/tcp-proxy";

const clients: PrismaClient[] = [];
function clientAt(url: string): PrismaClient {
  const client = new PrismaClient({ adapter: createAdapter({ kind: "postgres", url }) });
  clients.push(client);
  return client;
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("the query succeeded"),
    (err: unknown) => err,
  );
const workerDb = () => new URL(process.env.DATABASE_URL!);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect().catch(() => {})));
});

describe("isDatabaseUnavailable", () => {
  it("recognises a cut connection, before and after the pool noticed", async () => {
    const relay = await startTcpProxy(Number(workerDb().port || 5432));
    const url = workerDb();
    url.host = `127.0.0.1:${relay.port}`;
    const db = clientAt(url.toString());
    await db.user.count();
    relay.cut();
    for (let i = 0; i < 2; i++) {
      const err = await failure(db.user.findFirst());
      expect(isDatabaseUnavailable(err), String(err)).toBe(true);
    }
    await expect(orUnavailable(() => db.user.count())).rejects.toBeInstanceOf(DatabaseUnavailableError);
    relay.restore();
    expect(await db.user.count()).toBeGreaterThanOrEqual(0);
    await relay.close();
  });

  it("recognises a refused connection and a raw query on it", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const db = clientAt(`postgresql://postgres@127.0.0.1:${port}/latch`);
    expect(isDatabaseUnavailable(await failure(db.user.findFirst()))).toBe(true);
    expect(isDatabaseUnavailable(await failure(db.$queryRaw`SELECT 1`))).toBe(true);
  });

  it("leaves ordinary database errors alone", async () => {
    const db = clientAt(process.env.DATABASE_URL!);
    const syntax = await failure(db.$queryRawUnsafe("SELEC 1"));
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    const missing = await failure(db.$queryRawUnsafe(`SELECT * FROM "NoSuchTable"`));
    expect(isDatabaseUnavailable(missing)).toBe(false);
    await expect(orUnavailable(() => db.$queryRawUnsafe("SELEC 1"))).rejects.not.toBeInstanceOf(DatabaseUnavailableError);
    expect(isDatabaseUnavailable(new Error("Unique constraint failed"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it("carries a digest the browser's error boundary can read", () => {
    const err = new DatabaseUnavailableError({ cause: new Error("Connection terminated unexpectedly") });
    expect(err.digest).toBe(DATABASE_UNAVAILABLE_DIGEST);
    expect(err.message).not.toMatch(/terminated/);
    expect(isDatabaseUnavailable(err)).toBe(true);
  });
});

describe("withResponseMarks", () => {
  async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const server = http.createServer((req, res) => withResponseMarks(req, res, () => handler(req, res)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    return { url, close: () => new Promise((resolve) => server.close(resolve)) };
  }
  // As a page render does: the mark is set later, in an async continuation of the request.
  const page =
    (mark: boolean, status = 200) =>
    (_req: http.IncomingMessage, res: http.ServerResponse) =>
      void setTimeout(async () => {
        await Promise.resolve();
        if (mark) markDatabaseUnavailable();
        res.statusCode = status;
        res.setHeader("content-type", "text/html");
        res.end("<p>page</p>");
      }, 5);

  it("answers 503 with Retry-After for a page that marked it, whatever status it was heading for", async () => {
    for (const status of [200, 500]) {
      const { url, close } = await serve(page(true, status));
      const res = await fetch(url);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe(String(OUTAGE_RETRY_AFTER_SECONDS));
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toBe("<p>page</p>");
      await close();
    }
  });

  it("leaves unmarked pages, redirects and server actions (POST) alone", async () => {
    const plain = await serve(page(false));
    expect((await fetch(plain.url)).status).toBe(200);
    await plain.close();
    const redirect = await serve(page(true, 307));
    expect((await fetch(redirect.url, { redirect: "manual" })).status).toBe(307);
    await redirect.close();
    const action = await serve(page(true));
    expect((await fetch(action.url, { method: "POST", body: "x" })).status).toBe(200);
    await action.close();
  });

  it("does nothing outside a request", () => {
    expect(() => markDatabaseUnavailable()).not.toThrow();
  });
});
