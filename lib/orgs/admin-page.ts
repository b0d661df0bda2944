// Page-level check for the admin console (auth lives in each page, never in a layout). A
// signed-in member without the permission gets a 404: the console's existence is not theirs to probe.
import "server-only";
import { notFound } from "next/navigation";
import { can, type Action } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import type { UserActor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";

export async function requireAdminPage(action: Action): Promise<UserActor> {
  const actor = await requireActor();
  if (!can(actor, action)) notFound();
  return actor;
}

/** A detail page for an id from the URL: another org's (or a stale) id is a 404, not an error page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}
