// Portal-side identity: the session cookie says who signed in, the database says whether they
// may still act. The data plane never comes here; it authenticates virtual keys.
import "server-only";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { loadViewer, type UserActor, type Viewer } from "@/lib/auth/actor";

export async function getViewer(): Promise<Viewer | null> {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? loadViewer(userId) : null;
}

export async function getActor(): Promise<UserActor | null> {
  return (await getViewer())?.actor ?? null;
}

export async function requireViewer(): Promise<Viewer> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect("/sign-in");
  const viewer = await loadViewer(userId);
  // Signed in at the IdP but deactivated or removed here.
  if (!viewer) redirect("/sign-in?error=NoAccess");
  return viewer;
}

export async function requireActor(): Promise<UserActor> {
  return (await requireViewer()).actor;
}
