"use server";
import { revalidatePath } from "next/cache";
import { runActorAction } from "@/lib/actions/actor-action";
import type { ActionResult } from "@/lib/actions/result";
import { revokeKeys } from "@/lib/keys/revoke-many";

export async function revokeKeysAction(keyIds: string[]): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const { revoked } = await revokeKeys({ actor, input: { keyIds } });
    revalidatePath("/admin", "layout");
    return `${revoked} key${revoked === 1 ? "" : "s"} revoked.`;
  });
}
