// Bulk deny: one reason for several requests, in one transaction; requests decided meanwhile,
// the approver's own and another org's are skipped, never overwritten.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { denyKeyRequests } from "@/lib/key-requests/deny-many";

let t: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  t = await createTestOrg("http://127.0.0.1:9");
  other = await createTestOrg("http://127.0.0.1:9");
});

const request = (org: TestOrg, requesterId: string, status: "pending" | "approved" = "pending") =>
  db.keyRequest.create({
    data: { orgId: org.org.id, kind: "create", requesterId, name: "r", requestedPolicy: {}, justification: "because", status },
    select: { id: true },
  });

describe("bulk deny", () => {
  it("denies the pending ones with the reason and skips the rest", async () => {
    const [a, b, decided, own, foreign] = [
      await request(t, t.developer.id),
      await request(t, t.developer.id),
      await request(t, t.developer.id, "approved"),
      await request(t, t.admin.id),
      await request(other, other.developer.id),
    ];
    const result = await denyKeyRequests({
      actor: t.adminActor,
      input: { requestIds: [a.id, b.id, decided.id, own.id, foreign.id], reason: "Not now, sorry." },
    });
    expect(result).toEqual({ denied: 2, skipped: 3 });
    const rows = await db.keyRequest.findMany({
      where: { id: { in: [a.id, b.id, decided.id, own.id, foreign.id] } },
      select: { id: true, status: true, reason: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ status: "denied", reason: "Not now, sorry." });
    expect(byId.get(decided.id)?.status).toBe("approved");
    expect(byId.get(own.id)?.status).toBe("pending");
    expect(byId.get(foreign.id)?.status).toBe("pending");
    expect(await db.auditEvent.count({ where: { orgId: t.org.id, action: "key_request.denied", targetId: { in: [a.id, b.id] } } })).toBe(2);
  });

  it("needs a reason", async () => {
    const r = await request(t, t.developer.id);
    await expect(denyKeyRequests({ actor: t.adminActor, input: { requestIds: [r.id], reason: "" } })).rejects.toThrow();
  });

  it("caller without permission is rejected", async () => {
    const r = await request(t, t.admin.id);
    await expect(denyKeyRequests({ actor: t.developerActor, input: { requestIds: [r.id], reason: "no way" } })).rejects.toMatchObject({ status: 403 });
  });

  it("cannot touch another org's row", async () => {
    const r = await request(other, other.developer.id);
    expect(await denyKeyRequests({ actor: t.adminActor, input: { requestIds: [r.id], reason: "no way" } })).toEqual({ denied: 0, skipped: 1 });
  });
});
