"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runActorAction } from "@/lib/actions/actor-action";
import type { ActionResult } from "@/lib/actions/result";
import { ApproveRequestForm, DenyRequestForm } from "@/lib/keys/portal-form";
import { approveKeyRequest } from "@/lib/key-requests/approve";
import { denyKeyRequest } from "@/lib/key-requests/deny";
import { denyKeyRequests } from "@/lib/key-requests/deny-many";

// A decided request leaves the queue, so its detail page sends the approver back to the list.
export async function approveRequestAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ keyId: string }>> {
  const result = await runActorAction(async (actor) => {
    const decided = await approveKeyRequest({ actor, input: ApproveRequestForm.parse(Object.fromEntries(formData)) });
    revalidatePath("/requests", "layout");
    return decided;
  });
  if (result.ok) redirect("/requests");
  return result;
}

export async function denyRequestAction(_prev: unknown, formData: FormData): Promise<ActionResult<null>> {
  const result = await runActorAction(async (actor) => {
    await denyKeyRequest({ actor, input: DenyRequestForm.parse(Object.fromEntries(formData)) });
    revalidatePath("/requests", "layout");
    return null;
  });
  if (result.ok) redirect("/requests");
  return result;
}

export async function denyRequestsAction(requestIds: string[], reason: string): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const { denied, skipped } = await denyKeyRequests({ actor, input: { requestIds, reason } });
    revalidatePath("/requests", "layout");
    return `${denied} request${denied === 1 ? "" : "s"} denied.${skipped ? ` ${skipped} skipped (already decided, or your own).` : ""}`;
  });
}
