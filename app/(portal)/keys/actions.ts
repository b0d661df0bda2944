"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { runActorAction } from "@/lib/actions/actor-action";
import { formInput } from "@/lib/actions/form-fields";
import { RestrictionsForm } from "@/lib/keys/restrictions-form";
import { updateKeyRestrictions } from "@/lib/keys/update-restrictions";
import type { CreatedKey } from "@/lib/keys/create";
import { revokeKey } from "@/lib/keys/revoke";
import { rotateKey } from "@/lib/keys/rotate";
import { CreateKeyForm, EditKeyForm } from "@/lib/keys/portal-form";
import { dimensionsFromForm } from "@/lib/attribution/forms";
import { cancelKeyRequest } from "@/lib/key-requests/cancel";
import { revealApprovedKey } from "@/lib/key-requests/reveal";
import { selfServiceCreateKey, type SelfServiceCreateResult } from "@/lib/key-requests/self-service-create";
import { selfServiceUpdateKey, type SelfServiceUpdateResult } from "@/lib/key-requests/self-service-update";

const Id = z.string().min(1).max(100);

/** Returns the raw secret once when granted; it is never stored or shown again. */
export async function createKeyAction(_prev: unknown, formData: FormData): Promise<ActionResult<SelfServiceCreateResult>> {
  return runActorAction(async (actor) => {
    const result = await selfServiceCreateKey({
      actor,
      input: { ...CreateKeyForm.parse(Object.fromEntries(formData)), dimensions: dimensionsFromForm(formData) },
    });
    revalidatePath("/keys");
    return result;
  });
}

export async function updateKeyAction(keyId: string, _prev: unknown, formData: FormData): Promise<ActionResult<SelfServiceUpdateResult>> {
  return runActorAction(async (actor) => {
    const result = await selfServiceUpdateKey({ actor, input: { keyId: Id.parse(keyId), ...EditKeyForm.parse(Object.fromEntries(formData)) } });
    revalidatePath("/keys", "layout");
    return result;
  });
}

export async function rotateKeyAction(keyId: string, gracePeriodSeconds: number): Promise<ActionResult<CreatedKey>> {
  return runActorAction(async (actor) => {
    const key = await rotateKey({ actor, input: { keyId: Id.parse(keyId), gracePeriodSeconds: z.number().int().parse(gracePeriodSeconds) } });
    revalidatePath("/keys", "layout");
    return key;
  });
}

export async function revokeKeyAction(keyId: string): Promise<ActionResult<null>> {
  return runActorAction(async (actor) => {
    await revokeKey({ actor, keyId: Id.parse(keyId) });
    revalidatePath("/keys", "layout");
    return null;
  });
}

/** The approved key's secret, once; the verb erases it as it hands it over. */
export async function revealKeyAction(requestId: string): Promise<ActionResult<CreatedKey>> {
  return runActorAction(async (actor) => {
    const key = await revealApprovedKey({ actor, input: { requestId } });
    revalidatePath("/keys");
    return key;
  });
}

export async function cancelRequestAction(requestId: string): Promise<ActionResult<null>> {
  return runActorAction(async (actor) => {
    await cancelKeyRequest({ actor, input: { requestId } });
    revalidatePath("/keys");
    return null;
  });
}

export async function saveKeyRestrictionsAction(keyId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await updateKeyRestrictions({ actor, input: { keyId: Id.parse(keyId), ...RestrictionsForm.parse(formInput(formData, ["allowedProviders"])) } });
    revalidatePath(`/keys/${keyId}`);
    return "Restrictions saved. The gateway applies them to the next request.";
  });
}
