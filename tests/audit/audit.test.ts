// Every key change is audited with actor, target, changed fields, IP and user agent; the log
// cannot be edited or deleted, and one org cannot read another's.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { withRequestOrigin } from "@/lib/audit/context";
import { listAuditEvents } from "@/lib/audit/list";
import { revokeKey } from "@/lib/keys/revoke";
import { rotateKey } from "@/lib/keys/rotate";

let t: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  t = await createTestOrg("http://127.0.0.1:9");
  other = await createTestOrg("http://127.0.0.1:9");
});

describe("audit trail", () => {
  it("records create, rotate and revoke with the caller's IP and user agent, never the secret", async () => {
    const origin = { ip: "203.0.113.7", userAgent: "latch-cli/1.0" };
    const key = await withRequestOrigin(origin, () => t.key({ name: "audited" }));
    await withRequestOrigin(origin, () => rotateKey({ actor: t.adminActor, input: { keyId: key.id, gracePeriodSeconds: 60 } }));
    await withRequestOrigin(origin, () => revokeKey({ actor: t.adminActor, keyId: key.id }));
    const { events } = await listAuditEvents({ actor: t.adminActor, filter: { targetId: key.id } });
    expect(events.map((e) => e.action)).toEqual(["key.revoked", "key.rotated", "key.created"]);
    for (const e of events) {
      expect(e).toMatchObject({ actorType: "user", actorId: t.admin.id, ip: "203.0.113.7", targetType: "key" });
      expect(e.metadata).toMatchObject({ userAgent: "latch-cli/1.0" });
      expect(JSON.stringify(e)).not.toContain("sk-latch-");
    }
  });

  it("is append-only at the database level", async () => {
    const [event] = (await listAuditEvents({ actor: t.adminActor, filter: { limit: 1 } })).events;
    await expect(db.auditEvent.update({ where: { id: event!.id }, data: { action: "tampered" } })).rejects.toThrow();
    await expect(db.auditEvent.delete({ where: { id: event!.id } })).rejects.toThrow();
    expect((await db.auditEvent.findUnique({ where: { id: event!.id } }))?.action).toBe(event!.action);
  });

  it("is readable by admins of the org only", async () => {
    await expect(listAuditEvents({ actor: t.developerActor })).rejects.toMatchObject({ status: 403 });
    const { events } = await listAuditEvents({ actor: other.adminActor });
    expect(events.every((e) => e.orgId === other.org.id)).toBe(true);
  });

  it("paginates with a cursor", async () => {
    for (let i = 0; i < 3; i++) await t.key({ name: `page-${i}` });
    const first = await listAuditEvents({ actor: t.adminActor, filter: { action: "key.created", limit: 2 } });
    const second = await listAuditEvents({ actor: t.adminActor, filter: { action: "key.created", limit: 2, cursor: first.nextCursor! } });
    expect(first.events).toHaveLength(2);
    expect(second.events.map((e) => e.id)).not.toContain(first.events[0]!.id);
  });
});
