"use server";
import { revalidatePath } from "next/cache";
import { runActorAction } from "@/lib/actions/actor-action";
import { formObject } from "@/lib/actions/form-fields";
import type { ActionResult } from "@/lib/actions/result";
import { setSpendCap } from "@/lib/budgets/set-cap";
import { InviteForm, RoleForm } from "@/lib/members/forms";
import { inviteMember } from "@/lib/members/invite";
import { setMemberActive } from "@/lib/members/set-active";
import { setMemberRole } from "@/lib/members/set-role";
import { SpendCapForm } from "@/lib/orgs/forms";

const done = (message: string) => {
  revalidatePath("/admin/members", "layout");
  return message;
};

export async function setRoleAction(userId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const { role } = RoleForm.parse(formObject(formData));
    await setMemberRole({ actor, input: { userId, role } });
    return done(`Role set to ${role}.`);
  });
}

export async function setMemberCapAction(userId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const cap = await setSpendCap({ actor, input: { target: { scope: "user", userId }, cap: SpendCapForm.parse(formObject(formData)) } });
    return done(cap ? `Personal cap set to $${cap.limitUsd} ${cap.period}.` : "Personal cap removed.");
  });
}

export async function setMemberActiveAction(userId: string, active: boolean): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const { stoppedKeys } = await setMemberActive({ actor, input: { userId, active } });
    return done(active ? "Member reactivated." : `Member deactivated; ${stoppedKeys} of their keys stopped.`);
  });
}

export async function inviteMemberAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const input = InviteForm.parse(formObject(formData));
    await inviteMember({ actor, input });
    return done(`${input.email} added. They join the moment they first sign in with single sign-on.`);
  });
}
