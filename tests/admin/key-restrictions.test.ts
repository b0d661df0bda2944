// Key restrictions from the portal: a developer narrows their own key (IPs, denied models,
// providers, concurrency, per-request caps, token quotas, classification) without an approver;
// the spend cap stays; nobody reaches someone else's key.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { formInput } from "@/lib/actions/form-fields";
import { RestrictionsForm } from "@/lib/keys/restrictions-form";
import { updateKeyRestrictions } from "@/lib/keys/update-restrictions";

let t: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  t = await createTestOrg("http://127.0.0.1:9");
  other = await createTestOrg("http://127.0.0.1:9");
});

const form = (entries: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return RestrictionsForm.parse(formInput(fd, ["allowedProviders"]));
};

describe("key restrictions", () => {
  it("a developer narrows their own key; the spend cap stays and token quotas replace token budgets", async () => {
    const key = await t.key({
      budgets: [
        { kind: "spend", period: "monthly", limit: 10 },
        { kind: "tokens", period: "weekly", limit: 5 },
      ],
    });
    const input = form([
      ["allowedProviders", "openai"],
      ["deniedModels", "gpt-4o*, claude-*"],
      ["allowedIps", "10.0.0.0/8\n203.0.113.7"],
      ["maxConcurrent", "4"],
      ["maxOutputTokens", "2048"],
      ["maxRequestCostUsd", "0.5"],
      ["q_daily", "100000"],
      ["q_weekly", ""],
      ["maxSensitivity", "internal"],
      ["sensitivityAction", "redact"],
    ]);
    await updateKeyRestrictions({ actor: t.developerActor, input: { keyId: key.id, ...input } });
    const row = await db.virtualKey.findUniqueOrThrow({ where: { id: key.id }, include: { budgets: { orderBy: { kind: "asc" } } } });
    expect(row).toMatchObject({
      allowedProviders: ["openai"],
      deniedModels: ["gpt-4o*", "claude-*"],
      allowedIps: ["10.0.0.0/8", "203.0.113.7"],
      maxConcurrent: 4,
      maxOutputTokens: 2048,
      maxSensitivity: "internal",
      sensitivityAction: "redact",
    });
    expect(Number(row.maxRequestCostUsd)).toBe(0.5);
    expect(row.budgets.map((b) => [b.kind, b.period, Number(b.limit)])).toEqual([
      ["spend", "monthly", 10],
      ["tokens", "daily", 100000],
    ]);

    await updateKeyRestrictions({ actor: t.developerActor, input: { keyId: key.id, ...form([]) } });
    expect(await db.virtualKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({
      allowedIps: [],
      deniedModels: [],
      maxConcurrent: null,
      maxSensitivity: null,
    });
  });

  it("refuses what the gateway could not apply, in plain words", () => {
    const r = RestrictionsForm.safeParse(
      formInput(
        (() => {
          const fd = new FormData();
          fd.append("allowedIps", "10.0.0.300");
          fd.append("deniedModels", "gpt 4o");
          fd.append("maxConcurrent", "many");
          return fd;
        })(),
      ),
    );
    expect(r.success).toBe(false);
    const issues = Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(issues.allowedIps).toMatch(/not an IP address or CIDR range/);
    expect(issues.deniedModels).toMatch(/not a valid model pattern/);
    expect(issues.maxConcurrent).toBe("Enter a whole number.");
  });

  it("caller without permission is rejected", async () => {
    const key = await t.key({ ownerUserId: t.admin.id });
    await expect(updateKeyRestrictions({ actor: t.developerActor, input: { keyId: key.id, ...form([["maxConcurrent", "1"]]) } })).rejects.toMatchObject({
      status: 404,
    });
    expect((await db.virtualKey.findUniqueOrThrow({ where: { id: key.id } })).maxConcurrent).toBeNull();
  });

  it("cannot touch another org's row", async () => {
    const key = await t.key();
    await expect(updateKeyRestrictions({ actor: other.adminActor, input: { keyId: key.id, ...form([["maxConcurrent", "1"]]) } })).rejects.toMatchObject({
      status: 404,
    });
  });
});
