// A SCIM-provisioned org for tests: the app served in process (SCIM and the proxy on one port),
// an org owning an email domain, a `scim`-scoped token, and a runner for recorded IdP sequences.
import { expect } from "vitest";
import { db } from "@/lib/db";
import { createManagementToken } from "@/lib/management-tokens/create";
import { startAppServer } from "@/tests/helpers/app-server";
import { createTestOrg } from "@/tests/helpers/org";
import type { GroupRoleMappings } from "@/lib/auth/group-roles";

export type ScimResponse = { status: number; body: Record<string, unknown> & { Resources?: Record<string, unknown>[] }; headers: Headers };
export type ScimCall = (method: string, path: string, body?: unknown) => Promise<ScimResponse>;

/** One request of a recorded sequence; `{{name}}` in path or body is replaced by a captured id or a variable. */
export type FixtureStep = {
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  status: number;
  /** Partial match on the response body. */
  expect?: Record<string, unknown>;
  /** Remember the response's `id` under this name. */
  capture?: string;
};

export function scimClient(baseUrl: string, secret: string | null, userAgent = "vitest"): ScimCall {
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}/scim/v2${path}`, {
      method,
      headers: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), "content-type": "application/scim+json", "user-agent": userAgent },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as ScimResponse["body"]) : {}, headers: res.headers };
  };
}

export async function startScimOrg({ mappings = {}, userAgent = "vitest" }: { mappings?: GroupRoleMappings; userAgent?: string } = {}) {
  const server = await startAppServer();
  const t = await createTestOrg("http://127.0.0.1:9");
  const domain = `${t.org.slug}.test`;
  await db.organization.update({ where: { id: t.org.id }, data: { emailDomains: [domain], groupRoleMappings: mappings } });
  const { token, secret } = await createManagementToken({ actor: t.adminActor, input: { name: "IdP provisioning", scopes: ["scim"] } });
  return { server, t, domain, token, secret, scim: scimClient(server.url, secret, userAgent) };
}

/** A chat completion through the proxy with a virtual key: the status and, on failure, the error code. */
export async function callProxy(baseUrl: string, secret: string): Promise<{ status: number; code: string | null }> {
  const res = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "echo", messages: [{ role: "user", content: "hi" }] }),
  });
  const json = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: json.error?.code ?? null };
}

function fill<T>(value: T, vars: Record<string, string>): T {
  const text = JSON.stringify(value).replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`fixture variable {{${name}}} is not set`);
    return vars[name]!;
  });
  return JSON.parse(text) as T;
}

/** Plays a recorded sequence in order, checking each status; captured ids feed later steps. */
export async function runFixture(scim: ScimCall, steps: readonly FixtureStep[], vars: Record<string, string>): Promise<Record<string, string>> {
  for (const raw of steps) {
    const step = fill(raw, vars);
    const res = await scim(step.method, step.path, step.body);
    expect(res.status, `${step.name}: ${JSON.stringify(res.body)}`).toBe(step.status);
    if (step.expect) expect(res.body, step.name).toMatchObject(step.expect);
    if (step.capture) vars[step.capture] = String(res.body.id);
  }
  return vars;
}
