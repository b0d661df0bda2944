// Bad input gets a clean error: property-based fuzzing of every public endpoint (data plane and
// management API) with malformed JSON, wrong types, odd numbers, deep nesting, invalid UTF-8 and
// unknown fields. Every answer must be a JSON 4xx in the right shape, never a 5xx or a hang.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { startAppServer } from "@/tests/helpers/app-server";
import { createTestOrg } from "@/tests/helpers/org";
import { createApiOrg } from "@/tests/helpers/management-client";
import { OPERATIONS } from "@/lib/api/registry";
import type { TestGateway } from "@/tests/helpers/gateway";

let app: TestGateway;
let virtualKey: string;
let token: string;
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

beforeAll(async () => {
  app = await startAppServer();
  const t = await createTestOrg("http://127.0.0.1:9");
  virtualKey = (await t.key()).secret;
  token = (await (await createApiOrg()).token(["admin"])).secret;
});
afterAll(() => app.close());

const PROXY_PATHS = ["/v1/chat/completions", "/v1/responses", "/v1/embeddings", "/v1/completions", "/v1/messages"];

/** Bodies from "almost right" to garbage. */
const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        model: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        messages: fc.jsonValue(),
        stream: fc.jsonValue(),
        max_tokens: fc.oneof(fc.double(), fc.integer({ min: -1e12, max: 1e12 })),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constantFrom(
    "{",
    "[1,",
    '{"model":',
    "\u0000",
    "NaN",
    '{"max_tokens": 1e999}',
    '{"model":"echo","messages":[{"role":"user","content":"x"}],"max_tokens":-5}',
  ),
  fc.integer({ min: 1, max: 5000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
  fc.integer({ min: 1, max: 3000 }).map((depth) => `{"model":"echo","messages":${"[".repeat(depth)}${"]".repeat(depth)}}`),
);

async function send(method: string, path: string, auth: string, payload: string | Uint8Array | undefined) {
  const res = await fetch(app.url + path, {
    method,
    headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" },
    body: payload as BodyInit | undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get("content-type") ?? "" };
}

function expectCleanError(r: { status: number; text: string; type: string }, path: string) {
  expect(r.status, `${path} → ${r.status} ${r.text.slice(0, 200)}`).toBeLessThan(500);
  if (r.status >= 400) {
    expect(r.type).toContain("application/json");
    const json = JSON.parse(r.text) as { error?: { message?: unknown; type?: unknown } };
    expect(typeof json.error?.message).toBe("string");
    expect(r.text).not.toMatch(/at .*\.(ts|js):\d+|node_modules|Prisma/);
  }
}

describe("fuzzing", () => {
  it("data-plane endpoints answer every malformed body with a clean 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PROXY_PATHS), body, async (path, payload) => {
        expectCleanError(await send("POST", path, virtualKey, payload), path);
      }),
      { numRuns: RUNS },
    );
  });

  it("invalid UTF-8 and binary bodies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PROXY_PATHS), fc.uint8Array({ minLength: 1, maxLength: 2000 }), async (path, bytes) => {
        expectCleanError(await send("POST", path, virtualKey, bytes), path);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("management operations answer malformed bodies and ids with a clean 4xx", async () => {
    const writes = OPERATIONS.filter((op) => op.method !== "GET");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), body, fc.string({ maxLength: 40 }), async (op, payload, id) => {
        const path = op.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(id || "x"));
        expectCleanError(await send(op.method, path, token, op.method === "DELETE" ? undefined : payload), `${op.method} ${path}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("management list endpoints reject odd query values cleanly", async () => {
    const reads = OPERATIONS.filter((op) => op.method === "GET" && !op.path.includes("{"));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...reads),
        fc.dictionary(fc.constantFrom("limit", "after", "status", "from", "to", "group_by", "cursor"), fc.string()),
        async (op, query) => {
          expectCleanError(await send("GET", `${op.path}?${new URLSearchParams(query)}`, token, undefined), op.path);
        },
      ),
      { numRuns: RUNS / 2 },
    );
  });

  it("the server is still healthy afterwards", async () => {
    const res = await send("POST", "/v1/chat/completions", virtualKey, JSON.stringify({ model: "echo", messages: [{ role: "user", content: "still here" }] }));
    expect(res.status).toBe(200);
  });
});
