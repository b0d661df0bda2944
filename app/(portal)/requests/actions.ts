"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { ApproveRequestForm, DenyRequestForm } from "@/lib/keys/portal-form";
import { approveKeyRequest } from "@/lib/key-requests/approve";
import { denyKeyRequest } from "@/lib/key-requests/deny";

export async function approveRequestAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ keyId: string }>> {
  return runAction(async () => {
    const actor = await requireActor();
    const result = await approveKeyRequest({ actor, input: ApproveRequestForm.parse(Object.fromEntries(formData)) });
    revalidatePath("/requests");
    return result;
  });
}

export async function denyRequestAction(_prev: unknown, formData: FormData): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor();
    await denyKeyRequest({ actor, input: DenyRequestForm.parse(Object.fromEntries(formData)) });
    revalidatePath("/requests");
    return null;
  });
}
