// Next's own 405 (a route handler without the method: auto-implement-methods, written by
// send-response) gets a JSON body in the API's shape; other answers pass untouched.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withJsonMethodNotAllowed } from "@/lib/server/method-not-allowed";

const require = createRequire(import.meta.url);
type Methods = Record<string, (request: Request) => Promise<Response> | Response>;
const { autoImplementMethods } = require("next/dist/server/route-modules/app-route/helpers/auto-implement-methods") as {
  autoImplementMethods: (handlers: Methods) => Methods;
};
const { sendResponse } = require("next/dist/server/send-response") as { sendResponse: (req: unknown, res: unknown, response: Response) => Promise<void> };
const { NodeNextResponse } = require("next/dist/server/base-http/node") as { NodeNextResponse: new (res: http.ServerResponse) => unknown };

/** A route module exporting GET only. */
const routeModule: Methods = { GET: () => Response.json({ ok: true }) };

let server: http.Server;
let url: string;

beforeAll(async () => {
  // Answered the way Next answers it.
  const methods = autoImplementMethods(routeModule);
  server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    withJsonMethodNotAllowed(req, res, pathname);
    void (async () => {
      const response = await methods[req.method ?? "GET"]!(new Request(`http://x${req.url}`, { method: req.method }));
      await sendResponse(req, new NodeNextResponse(res), response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("Next's 405", () => {
  it("is a JSON error on the management API", async () => {
    const res = await fetch(`${url}/v1/keys`, { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({
      error: { message: "DELETE is not allowed on /v1/keys.", type: "invalid_request_error", code: "method_not_allowed", param: null },
    });
  });

  it("is a SCIM error under /scim", async () => {
    const res = await fetch(`${url}/scim/v2/Users`, { method: "PUT" });
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toBe("application/scim+json");
    expect(await res.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "405" });
  });

  it("leaves every other answer alone", async () => {
    const res = await fetch(`${url}/v1/keys`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
