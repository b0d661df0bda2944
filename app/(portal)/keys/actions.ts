"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { createKey, type CreatedKey } from "@/lib/keys/create";
import { revokeKey } from "@/lib/keys/revoke";
import { CreateKeyForm } from "@/lib/keys/portal-form";

/** Returns the raw secret once; it is never stored or shown again. */
export async function createKeyAction(_prev: unknown, formData: FormData): Promise<ActionResult<CreatedKey>> {
  return runAction(async () => {
    const actor = await requireActor();
    const key = await createKey({ actor, input: CreateKeyForm.parse(Object.fromEntries(formData)) });
    revalidatePath("/keys");
    return key;
  });
}

export async function revokeKeyAction(keyId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor();
    await revokeKey({ actor, keyId: z.string().min(1).max(100).parse(keyId) });
    revalidatePath("/keys");
    return null;
  });
}
