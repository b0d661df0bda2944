// Turns a signed-in user id into the Actor the domain verbs take. Read from the database on
// every call so deactivating a user or membership in Latch takes effect on the next request.
import type { Actor } from "@/lib/auth/permissions";
import { findActiveMembership } from "@/lib/auth/queries";

export type UserActor = Extract<Actor, { kind: "user" }>;

export type Viewer = {
  actor: UserActor;
  user: { id: string; email: string; name: string | null };
  org: { id: string; name: string; slug: string };
};

/** Several orgs per user are possible; the oldest active membership wins until an org switcher exists. */
export async function loadViewer(userId: string): Promise<Viewer | null> {
  const membership = await findActiveMembership(userId);
  if (!membership) return null;
  const { org, user, role } = membership;
  return { actor: { kind: "user", userId: user.id, orgId: org.id, role }, user, org };
}

export async function loadActor(userId: string): Promise<UserActor | null> {
  return (await loadViewer(userId))?.actor ?? null;
}
