// A raw HTTP client for the management API (fetch, nothing more), plus orgs and tokens to call it with.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { operations } from "@/lib/api/registry";
import { createManagementToken } from "@/lib/management-tokens/create";
import type { TokenScope } from "@/lib/auth/permissions";

// Response bodies are checked against the registry's schemas at run time, not typed statically.
export type Json = Record<string, any>;
export type ApiResponse = { status: number; headers: Headers; body: Json };
type CallOptions = { params?: Record<string, string>; body?: unknown; query?: Record<string, string>; headers?: Record<string, string> };

export function managementClient(baseUrl: string, token: string | null) {
  async function request(
    method: string,
    path: string,
    init: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> {
    const res = await fetch(baseUrl + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json", ...init.headers },
      body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  }

  /** Calls a registry operation; a success body must match the schema the OpenAPI document publishes. */
  async function call(id: keyof typeof operations, options: CallOptions = {}): Promise<ApiResponse> {
    const op = operations[id];
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? ""));
    const search = options.query ? `?${new URLSearchParams(options.query)}` : "";
    const res = await request(op.method, path + search, { body: options.body, headers: options.headers });
    if (res.status < 300) {
      const checked = op.response.safeParse(res.body);
      if (!checked.success) throw new Error(`${id} answered outside its documented schema: ${checked.error.message}`);
    }
    return res;
  }

  return { request, call };
}

export type ApiOrg = Awaited<ReturnType<typeof createApiOrg>>;

/** A fresh org with an admin and a developer, and a way to mint management tokens for it. */
export async function createApiOrg() {
  const tag = randomUUID().slice(0, 8);
  const org = await db.organization.create({ data: { slug: `api-${tag}`, name: `API ${tag}` } });
  const [admin, developer] = await Promise.all(
    (["admin", "developer"] as const).map((role) =>
      db.user.create({ data: { email: `${role}-${tag}@example.test`, name: role, memberships: { create: { orgId: org.id, role } } } }),
    ),
  );
  return {
    org,
    admin: admin!,
    developer: developer!,
    async token(scopes: TokenScope[], name = "test token") {
      const { token, secret } = await createManagementToken({ actor: { kind: "system", orgId: org.id }, input: { name, scopes } });
      return { id: token.id, secret };
    },
  };
}
