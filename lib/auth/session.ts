// Portal-side identity: the session cookie says who signed in, the database says whether they
// may still act. The data plane never comes here; it authenticates virtual keys.
//
// When the database cannot be reached, these throw a DatabaseUnavailableError (and mark the
// response 503): the portal layout renders the outage page for it, error boundaries likewise.
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { loadViewer, type UserActor, type Viewer } from "@/lib/auth/actor";
import { orUnavailable } from "@/lib/db/unavailable";

// The layout and the page of one render ask for the same viewer: one query, one answer.
const viewerOf = cache((userId: string) => orUnavailable(() => loadViewer(userId)));

export async function getViewer(): Promise<Viewer | null> {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? viewerOf(userId) : null;
}

export async function getActor(): Promise<UserActor | null> {
  return (await getViewer())?.actor ?? null;
}

export async function requireViewer(): Promise<Viewer> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect("/sign-in");
  const viewer = await viewerOf(userId);
  // Signed in at the IdP but deactivated or removed here.
  if (!viewer) redirect("/sign-in?error=NoAccess");
  return viewer;
}

export async function requireActor(): Promise<UserActor> {
  return (await requireViewer()).actor;
}
