// The organisation's settings over raw HTTP: read, change (audited as the token), the change
// reaching the gateway's next request, the field of a bad body named, admin-only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { db } from "@/lib/db";

let app: TestGateway;
let t: ApiOrg;
let api: ReturnType<typeof managementClient>;
let keysOnly: ReturnType<typeof managementClient>;

beforeAll(async () => {
  app = await startAppServer();
  t = await createApiOrg();
  const token = await t.token(["admin"]);
  api = managementClient(app.url, token.secret);
  keysOnly = managementClient(app.url, (await t.token(["keys:write"])).secret);
});
afterAll(() => app.close());

describe("/v1/organization", () => {
  it("reads and changes the settings, spend cap and degrade rules", async () => {
    const read = await api.call("getOrganization");
    expect(read).toMatchObject({ status: 200, body: { object: "organization", id: t.org.id, degrade_rules: [], spend_limit_usd: null } });

    const rules = [{ name: "slow", at_percent: 90, throttle_rpm: 5 }];
    const changed = await api.call("updateOrganization", {
      body: { time_zone: "Europe/Berlin", clamp_max_tokens: false, clamp_floor_tokens: 2048, degrade_rules: rules, spend_limit_usd: 1000 },
    });
    expect(changed.body).toMatchObject({
      time_zone: "Europe/Berlin",
      clamp_max_tokens: false,
      clamp_floor_tokens: 2048,
      degrade_rules: rules,
      spend_limit_usd: 1000,
      spend_reset_period: "monthly",
    });
    expect((await api.call("getOrganization")).body).toMatchObject({ time_zone: "Europe/Berlin", degrade_rules: rules, spend_limit_usd: 1000 });
    const stored = await db.organization.findUniqueOrThrow({ where: { id: t.org.id } });
    expect(stored).toMatchObject({ timeZone: "Europe/Berlin", clampFloorTokens: 2048, degradeRules: [{ name: "slow", atPercent: 90, throttleRpm: 5 }] });
    const audit = await db.auditEvent.findMany({ where: { orgId: t.org.id, action: "org.updated" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "token" });

    // Only the fields given change.
    expect((await api.call("updateOrganization", { body: { name: "Renamed" } })).body).toMatchObject({ name: "Renamed", time_zone: "Europe/Berlin" });
  });

  it("names the field of a bad body and is for admin tokens only", async () => {
    const cases: [unknown, string][] = [
      [{ time_zone: "Mars/Olympus" }, "time_zone"],
      [{ budget_fail_mode: "sometimes" }, "budget_fail_mode"],
      [{ degrade_rules: [{ name: "x", at_percent: 50 }] }, "degrade_rules[0]"],
      [{ clamp_floor_tokens: 0 }, "clamp_floor_tokens"],
      [{ plan: "enterprise" }, "plan"],
    ];
    for (const [body, param] of cases) {
      const res = await api.call("updateOrganization", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.param, JSON.stringify(body)).toBe(param);
    }
    expect((await keysOnly.call("getOrganization")).status).toBe(403);
    expect((await keysOnly.call("updateOrganization", { body: { name: "x" } })).status).toBe(403);
  });
});
