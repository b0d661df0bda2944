// The authorisation policy written out by hand from the role list, not derived from the
// code: lib/auth/permissions.matrix.test.ts checks canAccess against it and
// lib/auth/permissions.verbs.test.ts checks the real verbs against it.
import { ACTIONS, type Action, type Role } from "@/lib/auth/permissions";

export const RELATIONS = ["own", "team", "other", "otherOrg"] as const;
export type Relation = (typeof RELATIONS)[number];

const IN_ORG: readonly Relation[] = ["own", "team", "other"];

/** Allowed (action, relation) pairs per role; anything not listed is denied. */
export const EXPECTED: Record<Role, Partial<Record<Action, readonly Relation[]>>> = {
  // Own keys and own usage; keys of teams they belong to when the team shares them.
  developer: { "keys.read.own": ["own", "team"], "keys.write.own": ["own", "team"], "usage.read.own": ["own"] },
  // Decides requests for every team (approvers are org-wide today), so reads keys and usage org-wide.
  approver: {
    "keys.read.own": IN_ORG,
    "keys.read.all": IN_ORG,
    "keys.write.own": ["own", "team"],
    "usage.read.own": IN_ORG,
    "usage.read.all": IN_ORG,
    "approvals.decide": IN_ORG,
  },
  admin: Object.fromEntries(ACTIONS.map((a) => [a, IN_ORG])),
};

export const allowed = (role: Role, action: Action, relation: Relation) => (EXPECTED[role][action] ?? []).includes(relation);
