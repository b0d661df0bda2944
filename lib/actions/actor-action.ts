// The body of a signed-in portal action: who is acting (re-read from the database), and from
// where (for the audit trail), around a verb that checks the permission table itself.
import "server-only";
import { headers } from "next/headers";
import { withRequestOrigin } from "@/lib/audit/context";
import { originFromHeaders } from "@/lib/auth/request-origin";
import { requireActor } from "@/lib/auth/session";
import type { UserActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/actions/result";

export async function runActorAction<T>(body: (actor: UserActor) => Promise<T>): Promise<ActionResult<T>> {
  return runAction(async () => {
    const actor = await requireActor();
    const origin = originFromHeaders(await headers());
    return withRequestOrigin(origin, () => body(actor));
  });
}
