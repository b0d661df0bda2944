// The body of every signed-in portal action: who is acting (re-read from the database), and from
// where (for the audit trail), around a verb that checks the permission table itself. Every
// exported server action goes through one of these two (tests/layers/server-actions.test.ts).
import "server-only";
import { headers } from "next/headers";
import { withRequestOrigin } from "@/lib/audit/context";
import { originFromHeaders } from "@/lib/auth/request-origin";
import { requireActor } from "@/lib/auth/session";
import type { UserActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/actions/result";

/** For plain forms that answer with a redirect or a revalidation: errors propagate to the caller. */
export async function withActor<T>(body: (actor: UserActor) => Promise<T>): Promise<T> {
  const actor = await requireActor();
  const origin = originFromHeaders(await headers());
  return withRequestOrigin(origin, () => body(actor));
}

/** For forms that show the outcome: errors become an ActionResult the UI renders. */
export async function runActorAction<T>(body: (actor: UserActor) => Promise<T>): Promise<ActionResult<T>> {
  return runAction(() => withActor(body));
}
