"use server";
import { revalidatePath } from "next/cache";
import { runActorAction } from "@/lib/actions/actor-action";
import { formObject } from "@/lib/actions/form-fields";
import type { ActionResult } from "@/lib/actions/result";
import { createDimension } from "@/lib/attribution/create";
import { DimensionBudgetForm, DimensionForm } from "@/lib/attribution/forms";
import { setSpendCap } from "@/lib/budgets/set-cap";

export async function createDimensionAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const created = await createDimension({ actor, input: DimensionForm.parse(formObject(formData)) });
    revalidatePath("/admin/attribution");
    return `Dimension ${created.name} added.`;
  });
}

export async function setDimensionBudgetAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const { name, value, limitUsd, period } = DimensionBudgetForm.parse(formObject(formData));
    await setSpendCap({ actor, input: { target: { scope: "dimension", name, value }, cap: { limitUsd, period } } });
    revalidatePath("/admin/attribution");
    return limitUsd === null ? `Budget on ${name} = ${value} removed.` : `Budget on ${name} = ${value} set.`;
  });
}
