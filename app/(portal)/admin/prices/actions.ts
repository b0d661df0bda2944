"use server";
import { revalidatePath } from "next/cache";
import { runActorAction } from "@/lib/actions/actor-action";
import { formObject } from "@/lib/actions/form-fields";
import type { ActionResult } from "@/lib/actions/result";
import { createPrice } from "@/lib/prices/create";
import { deletePrice } from "@/lib/prices/delete";
import { PriceForm } from "@/lib/prices/forms";
import { updatePrice } from "@/lib/prices/update";
import { updateOrgSettings } from "@/lib/orgs/update-settings";

/** Saves this org's price for a model: updates its own row, or adds one over the shipped catalog. */
export async function savePriceAction(priceId: string | null, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const { provider, model, ...rates } = PriceForm.parse(formObject(formData));
    if (priceId) await updatePrice({ actor, input: { priceId, ...rates } });
    else await createPrice({ actor, input: { provider, model, ...rates } });
    revalidatePath("/admin/prices");
    return `Price for ${provider}/${model} saved; it applies to the next request.`;
  });
}

export async function deletePriceAction(priceId: string): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await deletePrice({ actor, priceId });
    revalidatePath("/admin/prices");
    return "Org price removed; the catalog price applies again.";
  });
}

export async function setAllowUnpricedAction(allow: boolean): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await updateOrgSettings({ actor, input: { allowUnpricedModels: allow } });
    revalidatePath("/admin/prices");
    return allow ? "Unpriced models are allowed." : "Unpriced models are refused on capped keys.";
  });
}
