"use server";
import { revalidatePath } from "next/cache";
import { runActorAction } from "@/lib/actions/actor-action";
import { formInput } from "@/lib/actions/form-fields";
import type { ActionResult } from "@/lib/actions/result";
import { GuardrailsForm, OrgSettingsForm } from "@/lib/orgs/forms";
import { updateOrgGuardrails } from "@/lib/orgs/update-guardrails";
import { updateOrgSettings } from "@/lib/orgs/update-settings";

export async function saveOrgSettingsAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await updateOrgSettings({ actor, input: OrgSettingsForm.parse(formInput(formData, ["allowedProviders"])) });
    revalidatePath("/admin", "layout");
    return "Settings saved. The gateway applies them to the next request.";
  });
}

export async function saveGuardrailsAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await updateOrgGuardrails({ actor, input: GuardrailsForm.parse(formInput(formData)) });
    revalidatePath("/admin/settings");
    return "Guardrails saved.";
  });
}
