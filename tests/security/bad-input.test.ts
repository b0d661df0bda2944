// The red team's bad inputs, each a clean JSON 4xx: a body nested 100,000 deep on the chat path,
// TRACE and `*` requests, a chunked body past the size limit (413, not a reset), numbers past
// what the database stores, and NUL characters in ids, names, cursors and SCIM filters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import { startAppServer } from "@/tests/helpers/app-server";
import { createTestOrg } from "@/tests/helpers/org";
import { createApiOrg } from "@/tests/helpers/management-client";
import { db } from "@/lib/db";
import { createManagementToken } from "@/lib/management-tokens/create";
import { env } from "@/lib/env";
import type { TestGateway } from "@/tests/helpers/gateway";

let app: TestGateway;
let virtualKey: string;
let token: string;
let scimToken: string;

beforeAll(async () => {
  app = await startAppServer();
  const t = await createTestOrg("http://127.0.0.1:9");
  virtualKey = (await t.key()).secret;
  const org = await createApiOrg();
  token = (await org.token(["admin"])).secret;
  await db.organization.update({ where: { id: org.org.id }, data: { emailDomains: ["bad-input.test"] } });
  scimToken = (await createManagementToken({ actor: { kind: "system", orgId: org.org.id }, input: { name: "scim", scopes: ["scim"] } })).secret;
});
afterAll(() => app.close());

/** A raw HTTP exchange (fetch would refuse or normalise these), read to the end of the answer. */
function raw(head: string, body: (socket: net.Socket) => void = () => {}): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(head);
      body(socket);
    });
    let data = "";
    socket.on("data", (d) => (data += d.toString()));
    const done = () => {
      const split = data.indexOf("\r\n\r\n");
      const headers = data.slice(0, split);
      let text = data.slice(split + 4);
      if (/transfer-encoding: chunked/i.test(headers)) text = text.replace(/(^|\r\n)[0-9a-f]+\r\n/g, "").replace(/\r\n$/, "");
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(headers)?.[1] ?? 0), headers, body: text });
    };
    socket.on("end", done);
    socket.on("error", (e) => (data ? done() : reject(e)));
  });
}

const errorOf = (text: string) => (JSON.parse(text) as { error?: { type?: string; code?: string; message?: string } }).error;

async function send(method: string, path: string, auth: string, body?: string) {
  const res = await fetch(app.url + path, { method, headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" }, body });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get("content-type") ?? "" };
}

function expectClean(r: { status: number; text: string; type?: string }, status?: number) {
  expect(r.status, r.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(r.status, r.text.slice(0, 300)).toBeLessThan(500);
  if (status) expect(r.status, r.text.slice(0, 300)).toBe(status);
  const parsed = JSON.parse(r.text) as Record<string, unknown>;
  expect(JSON.stringify(parsed)).not.toMatch(/at .*\.(ts|js):\d+|node_modules|Prisma|invalid input syntax/);
  return parsed;
}

describe("the data plane", () => {
  it("a body nested 100,000 deep on the chat path: 400", async () => {
    const deep = `{"model":"echo","messages":[{"role":"user","content":${"[".repeat(100_000)}${"]".repeat(100_000)}}]}`;
    expect(errorOf(JSON.stringify(expectClean(await send("POST", "/v1/chat/completions", virtualKey, deep), 400)))?.type).toBe("invalid_request_error");
    expect((await send("POST", "/v1/chat/completions", virtualKey, `{"model":"echo","messages":[${"{}".repeat(1)}]}`)).status).toBeLessThan(500);
  });

  it.each(["/v1/chat/completions", "/v1/models", "/api/health"])("TRACE %s: a JSON 405", async (path) => {
    const r = await raw(`TRACE ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(r.status).toBe(405);
    expect(errorOf(r.body)).toMatchObject({ type: "invalid_request_error" });
  });

  it.each(["OPTIONS", "GET"])("%s *: a JSON 4xx", async (method) => {
    const r = await raw(`${method} * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(errorOf(r.body)?.type).toBe("invalid_request_error");
  });

  it("a chunked body past the limit: 413 JSON, not a reset", async () => {
    const chunk = Buffer.alloc(1 << 20, "a");
    const r = await raw(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${virtualKey}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      (socket) => {
        let sent = 0;
        const more = () => {
          while (sent <= env.LATCH_MAX_BODY_BYTES + chunk.length && !socket.destroyed) {
            sent += chunk.length;
            if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void socket.once("drain", more);
          }
          if (!socket.destroyed) socket.write("0\r\n\r\n");
        };
        more();
      },
    );
    expect(r.status).toBe(413);
    expect(errorOf(r.body)).toMatchObject({ code: "request_too_large" });
  });
});

describe("the management API and SCIM", () => {
  it("integers past 2^31 and amounts past 1e10: 400", async () => {
    expectClean(await send("POST", "/v1/keys", token, JSON.stringify({ name: "big", rpm_limit: 2 ** 31 })), 400);
    expectClean(await send("POST", "/v1/keys", token, JSON.stringify({ name: "big", max_output_tokens: 2 ** 40 })), 400);
    expectClean(await send("POST", "/v1/keys", token, JSON.stringify({ name: "rich", spend_limit_usd: 1e10 })), 400);
    expectClean(await send("POST", "/v1/keys", token, JSON.stringify({ name: "rich", max_request_cost_usd: 1e12 })), 400);
  });

  it("NUL in ids, names, cursors and SCIM filters: 400 or 404, never 5xx", async () => {
    expectClean(await send("GET", "/v1/keys/abc%00def", token));
    expectClean(await send("POST", "/v1/keys", token, JSON.stringify({ name: "a\u0000b" })), 400);
    expectClean(await send("GET", "/v1/keys?cursor=abc%00", token), 400);
    expectClean(await send("POST", "/v1/teams", token, JSON.stringify({ name: "t\u0000", slug: "t" })), 400);
    const scim = await fetch(`${app.url}/scim/v2/Users?filter=${encodeURIComponent('userName eq "a\u0000@bad-input.test"')}`, {
      headers: { authorization: `Bearer ${scimToken}` },
    });
    expect(scim.status, await scim.clone().text()).toBeGreaterThanOrEqual(400);
    expect(scim.status).toBeLessThan(500);
  });
});
