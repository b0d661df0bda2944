"use server";
// Saving the degrade rules of the org, a team or a key: the same editor posts to each, and the
// scope's own verb checks the permission and invalidates the gateway's cached copy.
import { revalidatePath } from "next/cache";
import { runActorAction } from "@/lib/actions/actor-action";
import { formObject } from "@/lib/actions/form-fields";
import type { ActionResult } from "@/lib/actions/result";
import { parseDegradeRulesForm } from "@/lib/policy/degrade-rules-form";
import { updateOrgSettings } from "@/lib/orgs/update-settings";
import { updateTeam } from "@/lib/teams/update";
import { updateKey } from "@/lib/keys/update";

const saved = (count: number, path: string) => {
  revalidatePath(path);
  return count ? `${count === 1 ? "1 degrade rule" : `${count} degrade rules`} saved. The gateway applies them to the next request.` : "Degrade rules removed.";
};

export async function saveOrgDegradeRulesAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const degradeRules = parseDegradeRulesForm(formObject(formData));
    await updateOrgSettings({ actor, input: { degradeRules } });
    return saved(degradeRules.length, "/admin/settings");
  });
}

export async function saveTeamDegradeRulesAction(teamId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const degradeRules = parseDegradeRulesForm(formObject(formData));
    await updateTeam({ actor, input: { teamId, degradeRules } });
    return saved(degradeRules.length, `/admin/teams/${teamId}`);
  });
}

export async function saveKeyDegradeRulesAction(keyId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const degradeRules = parseDegradeRulesForm(formObject(formData));
    await updateKey({ actor, input: { keyId, degradeRules } });
    return saved(degradeRules.length, `/keys/${keyId}`);
  });
}
