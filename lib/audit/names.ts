// Names for the ids an audit event carries (who acted, what was touched), so the log reads as
// "dana@acme.com revoked the key “laptop”" instead of raw ids. Every lookup is scoped to the org.
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";

type Ref = { actorType: string; actorId: string | null; targetType: string | null; targetId: string | null };
export type AuditNames = Map<string, string>;

const key = (type: string, id: string) => `${type}:${id}`;

export async function resolveAuditNames({ actor, events }: { actor: Actor; events: Ref[] }): Promise<AuditNames> {
  requirePermission(actor, "audit.read");
  const orgId = actor.orgId;
  const ids = (type: string) => [
    ...new Set(
      events.flatMap((e) => [
        ...(e.targetType === type && e.targetId ? [e.targetId] : []),
        ...(type === "user" && e.actorType === "user" && e.actorId ? [e.actorId] : []),
        ...(type === "management_token" && e.actorType === "token" && e.actorId ? [e.actorId] : []),
      ]),
    ),
  ];
  const [users, teams, keys, tokens, providers, routes, requests, connections] = await Promise.all([
    db.user.findMany({ where: { id: { in: ids("user") }, memberships: { some: { orgId } } }, select: { id: true, email: true } }),
    db.team.findMany({ where: { id: { in: ids("team") }, orgId }, select: { id: true, name: true } }),
    db.virtualKey.findMany({ where: { id: { in: ids("key") }, orgId }, select: { id: true, name: true } }),
    db.managementToken.findMany({ where: { id: { in: ids("management_token") }, orgId }, select: { id: true, name: true } }),
    db.providerCredential.findMany({ where: { id: { in: ids("provider") }, orgId }, select: { id: true, name: true } }),
    db.modelRoute.findMany({ where: { id: { in: ids("model_route") }, orgId }, select: { id: true, publicName: true } }),
    db.keyRequest.findMany({ where: { id: { in: ids("key_request") }, orgId }, select: { id: true, name: true } }),
    db.idpConnection.findMany({ where: { id: { in: ids("idp_connection") }, orgId }, select: { id: true, issuer: true } }),
  ]);
  const names: AuditNames = new Map();
  for (const u of users) names.set(key("user", u.id), u.email);
  for (const t of teams) names.set(key("team", t.id), t.name);
  for (const k of keys) names.set(key("key", k.id), k.name);
  for (const t of tokens) names.set(key("management_token", t.id), t.name);
  for (const p of providers) names.set(key("provider", p.id), p.name);
  for (const r of routes) names.set(key("model_route", r.id), r.publicName);
  for (const r of requests) names.set(key("key_request", r.id), r.name);
  for (const c of connections) names.set(key("idp_connection", c.id), c.issuer);
  return names;
}

export const nameOf = (names: AuditNames, type: string, id: string) => names.get(key(type, id));

/** The member with this email, for the log's "by whom" filter (null: nobody here has it). */
export async function findMemberIdByEmail({ actor, email }: { actor: Actor; email: string }): Promise<string | null> {
  requirePermission(actor, "audit.read");
  const m = await db.membership.findFirst({ where: { orgId: actor.orgId, user: { email: email.trim().toLowerCase() } }, select: { userId: true } });
  return m?.userId ?? null;
}
