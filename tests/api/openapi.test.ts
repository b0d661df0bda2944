// The OpenAPI document is valid, is what /api/openapi.json serves, and describes exactly the
// management routes that exist in app/ (walked from the file system, not from the registry).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
// The validator checks the document's structure, not the JSON Schemas inside it; ajv (its own
// dependency) compiles those against draft 2020-12, the dialect OpenAPI 3.1 uses.
import { Ajv2020 } from "ajv/dist/2020.js";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { discoverAppRoutes } from "@/tests/helpers/app-routes";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { OPERATIONS } from "@/lib/api/registry";
import type { ManagementHandler } from "@/lib/api/management-route";
import { isGatewayPath } from "@/lib/server/node-http";
import { env } from "@/lib/env";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

let app: TestGateway;
beforeAll(async () => {
  app = await startAppServer();
});
afterAll(() => app.close());

describe("GET /api/openapi.json", () => {
  it("serves a valid OpenAPI 3.1 document", async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const served = (await res.json()) as Record<string, unknown>;
    expect(served).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(env.APP_URL))));

    const validator = new Validator();
    const result = await validator.validate(served);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");

    const ajv = new Ajv2020({ strict: true, validateFormats: false });
    const doc = served as { components: { schemas: Record<string, object> }; paths: Record<string, Record<string, { parameters?: { schema: object }[] }>> };
    for (const [name, schema] of Object.entries(doc.components.schemas)) expect(() => ajv.compile(schema), name).not.toThrow();
    for (const op of Object.values(doc.paths).flatMap((p) => Object.values(p)))
      for (const p of op.parameters ?? []) expect(() => ajv.compile(p.schema)).not.toThrow();
  });

  it("documents every operation once, with its scopes, body and response schemas", () => {
    const doc = buildOpenApiDocument();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(OPERATIONS.map((op) => `${op.method} ${op.path}`).sort());
    const createKey = doc.paths["/v1/keys"]!.post as { "x-latch-scopes": string[]; requestBody: { content: Record<string, { schema: { $ref: string } }> } };
    expect(createKey["x-latch-scopes"]).toEqual(["keys:write", "admin"]);
    expect(createKey.requestBody.content["application/json"]!.schema.$ref).toBe("#/components/schemas/CreateKeyRequest");
    const schema = doc.components.schemas.CreateKeyRequest as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(["name"]);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["owner_email", "spend_limit_usd", "spend_reset_period", "limits", "expires_at"]));
    expect(doc.components.schemas.Provider).toBeDefined();
    expect(JSON.stringify(doc.components.schemas.Provider)).not.toContain('api_key"');
  });
});

describe("route walk", () => {
  const routes = discoverAppRoutes().filter((r) => r.pattern === "/v1" || r.pattern.startsWith("/v1/"));

  it("has a route file exporting each registry operation's handler", async () => {
    for (const op of OPERATIONS) {
      const route = routes.find((r) => r.template === op.path);
      expect(route, `${op.method} ${op.path} has no route file`).toBeDefined();
      const mod = (await import(route!.file)) as Record<string, ManagementHandler | undefined>;
      expect(mod[op.method]?.operation?.id, `${op.method} ${op.path}`).toBe(op.id);
    }
  });

  it("serves nothing under /v1 that is neither the data plane nor in the registry", async () => {
    let managementExports = 0;
    for (const route of routes) {
      const mod = (await import(route.file)) as Record<string, unknown>;
      for (const method of METHODS) {
        const handler = mod[method] as (Partial<ManagementHandler> & { fallback?: true }) | undefined;
        if (!handler || handler.fallback) continue;
        if (handler.operation) {
          managementExports++;
          expect(OPERATIONS).toContain(handler.operation);
          expect(`${method} ${route.template}`).toBe(`${handler.operation.method} ${handler.operation.path}`);
        } else {
          const sample = route.template.replace(/\{\w+\}/g, "sample");
          expect(isGatewayPath(method, sample), `${method} ${route.pattern} is undocumented`).toBe(true);
        }
      }
    }
    expect(managementExports).toBe(OPERATIONS.length);
  });
});
