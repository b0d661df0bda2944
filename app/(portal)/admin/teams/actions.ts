"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runActorAction } from "@/lib/actions/actor-action";
import { formInput, formObject } from "@/lib/actions/form-fields";
import type { ActionResult } from "@/lib/actions/result";
import { setSpendCap } from "@/lib/budgets/set-cap";
import { GuardrailsForm, SpendCapForm } from "@/lib/orgs/forms";
import { addTeamMember } from "@/lib/teams/add-member";
import { createTeam } from "@/lib/teams/create";
import { deleteTeam } from "@/lib/teams/delete";
import { AddTeamMemberForm, CreateTeamForm, RenameTeamForm } from "@/lib/teams/forms";
import { removeTeamMember } from "@/lib/teams/remove-member";
import { updateTeam } from "@/lib/teams/update";

const done = (message: string, teamId?: string) => {
  revalidatePath(teamId ? `/admin/teams/${teamId}` : "/admin/teams");
  return message;
};

export async function createTeamAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const team = await createTeam({ actor, input: CreateTeamForm.parse(formInput(formData, ["memberIds"])) });
    return done(`Team “${team.name}” created.`);
  });
}

export async function renameTeamAction(teamId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await updateTeam({ actor, input: { teamId, ...RenameTeamForm.parse(formObject(formData)) } });
    return done("Team renamed.", teamId);
  });
}

export async function setTeamCapAction(teamId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const cap = await setSpendCap({ actor, input: { target: { scope: "team", teamId }, cap: SpendCapForm.parse(formObject(formData)) } });
    return done(cap ? `Team cap set to $${cap.limitUsd} ${cap.period}.` : "Team cap removed.", teamId);
  });
}

export async function saveTeamGuardrailsAction(teamId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const { defaultKeyPolicy, maxKeyPolicy } = GuardrailsForm.parse(formObject(formData));
    await updateTeam({ actor, input: { teamId, defaultKeyPolicy, maxKeyPolicy } });
    return done("Team guardrails saved.", teamId);
  });
}

export async function addTeamMemberAction(teamId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await addTeamMember({ actor, input: { teamId, ...AddTeamMemberForm.parse(formObject(formData)) } });
    return done("Member added.", teamId);
  });
}

export async function removeTeamMemberAction(teamId: string, userId: string): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await removeTeamMember({ actor, input: { teamId, userId } });
    return done("Member removed.", teamId);
  });
}

export async function deleteTeamAction(teamId: string): Promise<ActionResult<string>> {
  const result = await runActorAction(async (actor) => {
    await deleteTeam({ actor, teamId });
    return done("Team deleted.");
  });
  if (result.ok) redirect("/admin/teams");
  return result;
}
