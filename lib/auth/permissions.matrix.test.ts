// The authorisation rule as a matrix: every role × every action × every relation of the
// resource to the actor, against the hand-written policy in tests/helpers/permission-matrix.ts,
// so a change to ROLE_PERMISSIONS or canAccess that alters who may do what fails here.
import { describe, expect, it } from "vitest";
import { ACTIONS, ROLES, canAccess, type Actor, type Resource, type Role } from "@/lib/auth/permissions";
import { allowed, RELATIONS, type Relation } from "@/tests/helpers/permission-matrix";

const ME = "user_me";
const actorOf = (role: Role): Actor => ({ kind: "user", userId: ME, orgId: "org_a", role });
const resourceOf = (relation: Relation): Resource => ({
  orgId: relation === "otherOrg" ? "org_b" : "org_a",
  // The other-org resource is even "owned" by the same user id: the org boundary still holds.
  ownerUserId: relation === "own" || relation === "otherOrg" ? ME : "user_other",
  sharedWithActor: relation === "team",
});

const cases = ROLES.flatMap((role) =>
  ACTIONS.flatMap((action) => RELATIONS.map((relation) => ({ role, action, relation, ok: allowed(role, action, relation) }))),
);

describe("canAccess matrix", () => {
  it.each(cases)("$role $action on $relation → $ok", ({ role, action, relation, ok }) => {
    expect(canAccess(actorOf(role), action, resourceOf(relation))).toBe(ok);
  });

  it("covers every role, action and relation, with both outcomes for each role", () => {
    expect(cases).toHaveLength(ROLES.length * ACTIONS.length * RELATIONS.length);
    for (const role of ROLES) expect(new Set(cases.filter((c) => c.role === role).map((c) => c.ok))).toEqual(new Set([true, false]));
  });

  it("never lets anyone, of any role, reach another org", () => {
    expect(cases.filter((c) => c.relation === "otherOrg" && c.ok)).toEqual([]);
  });

  it("refuses a developer another person's keys and usage", () => {
    for (const action of ["keys.read.own", "keys.write.own", "usage.read.own"] as const)
      expect(canAccess(actorOf("developer"), action, resourceOf("other"))).toBe(false);
  });

  it("refuses a management token every per-person resource it has no org-wide scope for", () => {
    const token: Actor = { kind: "token", tokenId: "t", orgId: "org_a", scopes: ["usage:read"] };
    expect(canAccess(token, "usage.read.own", resourceOf("other"))).toBe(true);
    expect(canAccess(token, "keys.read.own", resourceOf("own"))).toBe(false);
    expect(canAccess(token, "usage.read.own", resourceOf("otherOrg"))).toBe(false);
  });
});
