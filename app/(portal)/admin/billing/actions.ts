"use server";
import { redirect } from "next/navigation";
import { runActorAction } from "@/lib/actions/actor-action";
import { formObject } from "@/lib/actions/form-fields";
import type { ActionResult } from "@/lib/actions/result";
import { openBillingPortal, startCheckout } from "@/lib/billing/checkout";
import { StartCheckoutInput } from "@/lib/billing/schemas";

// Success leaves the app for Stripe (redirect passes through runActorAction); failures come back as results.
export async function startCheckoutAction(_prev: unknown, formData: FormData): Promise<ActionResult<never>> {
  return runActorAction(async (actor) => {
    const { url } = await startCheckout({ actor, input: StartCheckoutInput.parse(formObject(formData)) });
    redirect(url);
  });
}

export async function openPortalAction(_prev: unknown, _formData: FormData): Promise<ActionResult<never>> {
  return runActorAction(async (actor) => {
    const { url } = await openBillingPortal({ actor });
    redirect(url);
  });
}
