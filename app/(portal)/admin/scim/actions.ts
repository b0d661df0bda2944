"use server";
import { revalidatePath } from "next/cache";
import { runActorAction } from "@/lib/actions/actor-action";
import type { ActionResult } from "@/lib/actions/result";
import { resumeKey } from "@/lib/keys/resume";
import { DeprovisionInput, setDeprovisionAction } from "@/lib/scim/settings";

export async function saveDeprovisionAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await setDeprovisionAction({ actor, input: DeprovisionInput.parse(Object.fromEntries(formData)) });
    revalidatePath("/admin/scim");
    return "Saved. It applies to the next deactivation.";
  });
}

export async function resumeKeyAction(keyId: string): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await resumeKey({ actor, keyId });
    revalidatePath("/admin/scim");
    return "Key resumed.";
  });
}
