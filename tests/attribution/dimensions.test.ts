// Org-defined attribution dimensions over the management API: definitions with permission checks
// and audit, keys carrying validated values, and required dimensions enforced when a key is
// minted, by an admin or by a developer for themselves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { selfServiceCreateKey } from "@/lib/key-requests/self-service-create";
import { approveKeyRequest } from "@/lib/key-requests/approve";
import { db } from "@/lib/db";

let app: TestGateway;
let t: ApiOrg;
let admin: ReturnType<typeof managementClient>;

beforeAll(async () => {
  app = await startAppServer();
  t = await createApiOrg();
  admin = managementClient(app.url, (await t.token(["admin"])).secret);
});
afterAll(() => app.close());

describe("attribution dimensions", () => {
  let team: { id: string };
  it("are defined by admins only, audited, and invisible to other orgs", async () => {
    team = await db.team.create({ data: { orgId: t.org.id, slug: "rnd", name: "R&D team" } });
    const created = await admin.call("createAttributionDimension", {
      body: { name: "cost_center", label: "Cost center", values: ["R&D", "Sales"], required: true, team_defaults: { [team.id]: "R&D" } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "cost_center", values: ["R&D", "Sales"], required: true, default_value: null });
    expect(
      (await admin.call("createAttributionDimension", { body: { name: "environment", values: ["prod", "staging", "dev"], default_value: "prod" } })).status,
    ).toBe(201);
    expect((await admin.call("createAttributionDimension", { body: { name: "application" } })).body.values).toEqual([]);

    expect((await admin.call("createAttributionDimension", { body: { name: "cost_center" } })).status).toBe(409);
    expect((await admin.call("createAttributionDimension", { body: { name: "model" } })).status).toBe(400);
    expect((await admin.call("createAttributionDimension", { body: { name: "tier", values: ["a"], default_value: "b" } })).body.error.param).toBe(
      "default_value",
    );

    const keysOnly = managementClient(app.url, (await t.token(["keys:write"])).secret);
    expect((await keysOnly.call("createAttributionDimension", { body: { name: "region" } })).status).toBe(403);
    expect((await keysOnly.call("listAttributionDimensions")).body.data.map((d: { name: string }) => d.name)).toEqual([
      "application",
      "cost_center",
      "environment",
    ]);

    const other = await createApiOrg();
    const stranger = managementClient(app.url, (await other.token(["admin"])).secret);
    expect((await stranger.call("getAttributionDimension", { params: { id: created.body.id } })).status).toBe(404);
    expect((await stranger.call("updateAttributionDimension", { params: { id: created.body.id }, body: { required: false } })).status).toBe(404);

    const audit = await db.auditEvent.findFirst({ where: { orgId: t.org.id, action: "dimension.created", targetId: created.body.id } });
    expect(audit).not.toBeNull();
  });

  it("keys need a value for each required dimension, from themselves or their team", async () => {
    const missing = await admin.call("createKey", { body: { name: "no cost center" } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "dimension_required", param: "dimensions.cost_center" });

    const wrong = await admin.call("createKey", { body: { name: "bad", dimensions: { cost_center: "Marketing" } } });
    expect(wrong.body.error).toMatchObject({ code: "invalid_dimension", param: "dimensions.cost_center" });
    const unknown = await admin.call("createKey", { body: { name: "bad", dimensions: { cost_center: "R&D", colour: "blue" } } });
    expect(unknown.body.error.param).toBe("dimensions.colour");

    const ok = await admin.call("createKey", {
      body: { name: "svc", kind: "service", dimensions: { cost_center: "Sales", application: "billing-bot" }, request_tags: ["environment"] },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ dimensions: { cost_center: "Sales", application: "billing-bot" }, request_tags: ["environment"] });
    expect((await admin.call("createKey", { body: { name: "team key", team_id: team.id } })).status).toBe(201);

    const changed = await admin.call("updateKey", { params: { id: ok.body.id }, body: { dimensions: { cost_center: "R&D" } } });
    expect(changed.body.dimensions).toEqual({ cost_center: "R&D" });
    expect((await admin.call("updateKey", { params: { id: ok.body.id }, body: { dimensions: {} } })).body.error.code).toBe("dimension_required");
  });

  it("a developer creating their own key must pick a cost center", async () => {
    const actor = { kind: "user" as const, userId: t.developer.id, orgId: t.org.id, role: "developer" as const };
    const values = { models: [], rpmLimit: null, tpmLimit: null, spendCapUsd: null, spendPeriod: "monthly" as const, expiresInDays: null };
    await expect(selfServiceCreateKey({ actor, input: { name: "mine", values } })).rejects.toMatchObject({ code: "dimension_required" });
    const granted = await selfServiceCreateKey({ actor, input: { name: "mine", kind: "ci", values, dimensions: { cost_center: "R&D" } } });
    expect(granted.kind).toBe("granted");
    const key = await db.virtualKey.findFirstOrThrow({ where: { orgId: t.org.id, name: "mine" } });
    expect(key).toMatchObject({ kind: "ci", dimensions: { cost_center: "R&D" } });

    // Beyond the guardrails the ask becomes a request; its kind and attribution survive approval.
    await db.organization.update({ where: { id: t.org.id }, data: { maxKeyPolicy: { maxRpm: 10 } } });
    await expect(selfServiceCreateKey({ actor, input: { name: "big", values, justification: "load tests for the release" } })).rejects.toMatchObject({
      code: "dimension_required",
    });
    const asked = await selfServiceCreateKey({
      actor,
      input: { name: "big", kind: "agent", values, dimensions: { cost_center: "Sales" }, justification: "load tests for the release" },
    });
    expect(asked.kind).toBe("requested");
    const approver = { kind: "user" as const, userId: t.admin.id, orgId: t.org.id, role: "admin" as const };
    const { keyId } = await approveKeyRequest({ actor: approver, input: { requestId: asked.kind === "requested" ? asked.requestId : "" } });
    expect(await db.virtualKey.findUniqueOrThrow({ where: { id: keyId } })).toMatchObject({ kind: "agent", dimensions: { cost_center: "Sales" } });
  });

  it("a budget is set on a dimension value over the API, only for allowed values", async () => {
    const [dim] = (await admin.call("listAttributionDimensions")).body.data.filter((d: { name: string }) => d.name === "cost_center");
    const set = await admin.call("setDimensionBudget", { params: { id: dim.id }, body: { value: "R&D", limit_usd: 10_000 } });
    expect(set.body).toEqual({ object: "dimension_budget", dimension: "cost_center", value: "R&D", limit_usd: 10_000, period: "monthly" });
    const stored = await db.budget.findFirstOrThrow({ where: { orgId: t.org.id, scope: "dimension" } });
    expect(stored).toMatchObject({ dimensionName: "cost_center", dimensionValue: "R&D", kind: "spend", period: "monthly" });
    expect((await admin.call("setDimensionBudget", { params: { id: dim.id }, body: { value: "Marketing", limit_usd: 5 } })).body.error.code).toBe(
      "invalid_dimension",
    );
    const keysOnly = managementClient(app.url, (await t.token(["keys:write"])).secret);
    expect((await keysOnly.call("setDimensionBudget", { params: { id: dim.id }, body: { value: "R&D", limit_usd: 1 } })).status).toBe(403);
    expect((await admin.call("setDimensionBudget", { params: { id: dim.id }, body: { value: "R&D", limit_usd: null } })).body.limit_usd).toBeNull();
    expect(await db.budget.count({ where: { orgId: t.org.id, scope: "dimension" } })).toBe(0);
  });
});
