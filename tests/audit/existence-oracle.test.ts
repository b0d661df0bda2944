// Looking up another org's key id is answered and audited exactly like an id that does not exist:
// nothing is written into the other org's log (no oracle, no flooding lever), and the caller's own
// log gets the same entry either way, a limited number per minute.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { getKeyWithUsage } from "@/lib/keys/get";
import { MISS_ENTRIES_PER_MINUTE } from "@/lib/auth/denials";

let victimOrg: string;
let victimKey: string;
let caller: Actor;

beforeAll(async () => {
  const tag = randomUUID().slice(0, 8);
  const [a, b] = await Promise.all(["a", "b"].map((s) => db.organization.create({ data: { slug: `${s}-${tag}`, name: s } })));
  victimOrg = b!.id;
  const owner = await db.user.create({ data: { email: `owner-${tag}@b.test`, memberships: { create: { orgId: victimOrg, role: "admin" } } } });
  victimKey = (await db.virtualKey.create({ data: { orgId: victimOrg, ownerUserId: owner.id, name: "k", prefix: "lk_test", hash: randomUUID() } })).id;
  const user = await db.user.create({ data: { email: `admin-${tag}@a.test`, memberships: { create: { orgId: a!.id, role: "admin" } } } });
  caller = { kind: "user", userId: user.id, orgId: a!.id, role: "admin" };
});

const refusal = (keyId: string) =>
  getKeyWithUsage({ actor: caller, keyId }).then(
    () => null,
    (e: { status: number; code: string; message: string; param: string | null }) => ({ status: e.status, code: e.code, message: e.message, param: e.param }),
  );

const entries = (orgId: string) => db.auditEvent.findMany({ where: { orgId, action: "access.denied" }, orderBy: { createdAt: "asc" } });

describe("another org's key id", () => {
  it("is refused and audited exactly like a missing id, and nothing lands in the other org's log", async () => {
    const victimBefore = await db.auditEvent.count({ where: { orgId: victimOrg } });
    const missing = randomUUID();
    const [theirs, nobodys] = [await refusal(victimKey), await refusal(missing)];
    expect(theirs).toEqual({ status: 404, code: "key_not_found", message: "No such key.", param: "id" });
    expect(nobodys).toEqual(theirs);
    expect(await db.auditEvent.count({ where: { orgId: victimOrg } })).toBe(victimBefore);

    const [a, b] = await entries(caller.orgId);
    const shape = (e: typeof a) => ({ action: e!.action, targetType: e!.targetType, metadata: e!.metadata });
    expect(a!.targetId).toBe(victimKey);
    expect(b!.targetId).toBe(missing);
    expect(shape(a)).toEqual(shape(b));
  });

  it("a scan writes a bounded number of entries per minute into the caller's own log", async () => {
    // One minute of the limiter's clock, a fresh one (the first test's entries used another).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime((Math.floor(Date.now() / 60_000) + 5) * 60_000);
    try {
      const before = (await entries(caller.orgId)).length;
      for (let i = 0; i < MISS_ENTRIES_PER_MINUTE * 3; i++) await refusal(i % 2 ? victimKey : randomUUID());
      expect((await entries(caller.orgId)).length - before).toBe(MISS_ENTRIES_PER_MINUTE);
    } finally {
      vi.useRealTimers();
    }
    expect(await db.auditEvent.count({ where: { orgId: victimOrg } })).toBe(0);
  });
});
