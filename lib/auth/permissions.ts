// Who may do what: the one table every check goes through. Roles and token scopes both map
// onto these actions; no other file compares role strings.
import { PermissionError } from "@/lib/errors";

export const ACTIONS = [
  "keys.read.own",
  "keys.write.own",
  "keys.read.all",
  "keys.write.all",
  "approvals.decide",
  "usage.read.own",
  "usage.read.all",
  "teams.write",
  "members.write",
  "providers.write",
  "org.write",
  "audit.read",
  "tokens.write",
  "billing.manage",
  "scim.provision",
  "mcp.read",
  "mcp.write",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Most privileged first: when IdP groups map to several roles, the first one listed wins. */
export const ROLES = ["admin", "approver", "developer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Action[]> = {
  developer: ["keys.read.own", "keys.write.own", "usage.read.own"],
  approver: ["keys.read.own", "keys.write.own", "usage.read.own", "keys.read.all", "approvals.decide", "usage.read.all"],
  admin: ACTIONS,
};

/** Roles holding an action, for questions such as "who else could still manage members?". */
export const rolesWith = (action: Action): Role[] => ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(action));

export const TOKEN_SCOPES = ["keys:read", "keys:write", "usage:read", "providers:write", "scim", "mcp:read", "mcp:write", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SCOPE_PERMISSIONS: Record<TokenScope, readonly Action[]> = {
  "keys:read": ["keys.read.own", "keys.read.all"],
  "keys:write": ["keys.read.own", "keys.read.all", "keys.write.own", "keys.write.all"],
  "usage:read": ["usage.read.own", "usage.read.all"],
  "providers:write": ["providers.write"],
  // An IdP's provisioning token: members and teams through /scim/v2 only, nothing on /v1.
  scim: ["scim.provision"],
  "mcp:read": ["mcp.read"],
  "mcp:write": ["mcp.read", "mcp.write"],
  admin: ACTIONS,
};

/** The authenticated party behind a control-plane call. orgId always comes from the session or token. */
export type Actor =
  | { kind: "user"; userId: string; orgId: string; role: Role }
  | { kind: "token"; tokenId: string; orgId: string; scopes: readonly TokenScope[] }
  | { kind: "system"; orgId: string };

export function can(actor: Actor, action: Action): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind === "user") return ROLE_PERMISSIONS[actor.role].includes(action);
  return actor.scopes.some((scope) => SCOPE_PERMISSIONS[scope].includes(action));
}

export function requirePermission(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new PermissionError("forbidden", "You do not have permission to do this.");
}

/**
 * A concrete thing an action touches. orgId and ownerUserId come from the stored row, never
 * from input; sharedWithActor says it is a key of a team the actor belongs to that shares its keys.
 */
export type Resource = { orgId: string; ownerUserId?: string | null; sharedWithActor?: boolean };

/** The org-wide form of each per-person action: holding it reaches everyone's, not only your own. */
const WIDER: Partial<Record<Action, Action>> = {
  "keys.read.own": "keys.read.all",
  "keys.write.own": "keys.write.all",
  "usage.read.own": "usage.read.all",
};

/**
 * Resource-level decision, the rule every scoped query mirrors (lib/auth/key-scope.ts): never
 * across orgs; a per-person action reaches your own things, your teams' shared keys, or, with
 * its org-wide form, everyone's; any other action is about the org as a whole.
 */
export function canAccess(actor: Actor, action: Action, resource: Resource): boolean {
  if (resource.orgId !== actor.orgId) return false;
  const wider = WIDER[action];
  if (!wider) return can(actor, action);
  if (can(actor, wider)) return true;
  if (actor.kind !== "user" || !can(actor, action)) return false;
  if (resource.ownerUserId === actor.userId) return true;
  // Team sharing covers keys only: "own usage" stays the person's own.
  return action !== "usage.read.own" && resource.sharedWithActor === true;
}

/** The user id recorded as creator/owner; tokens and the system act for nobody in particular. */
export const actorUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);
