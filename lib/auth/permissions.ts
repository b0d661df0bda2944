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
] as const;
export type Action = (typeof ACTIONS)[number];

export type Role = "admin" | "approver" | "developer";

export const ROLE_PERMISSIONS: Record<Role, readonly Action[]> = {
  developer: ["keys.read.own", "keys.write.own", "usage.read.own"],
  approver: ["keys.read.own", "keys.write.own", "usage.read.own", "keys.read.all", "approvals.decide", "usage.read.all"],
  admin: ACTIONS,
};

export const TOKEN_SCOPES = ["keys:read", "keys:write", "usage:read", "providers:write", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SCOPE_PERMISSIONS: Record<TokenScope, readonly Action[]> = {
  "keys:read": ["keys.read.own", "keys.read.all"],
  "keys:write": ["keys.read.own", "keys.read.all", "keys.write.own", "keys.write.all"],
  "usage:read": ["usage.read.own", "usage.read.all"],
  "providers:write": ["providers.write"],
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

/** The user id recorded as creator/owner; tokens and the system act for nobody in particular. */
export const actorUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);
