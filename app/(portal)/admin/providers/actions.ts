"use server";
import { revalidatePath } from "next/cache";
import { runActorAction } from "@/lib/actions/actor-action";
import { formObject } from "@/lib/actions/form-fields";
import type { ActionResult } from "@/lib/actions/result";
import type { Failure } from "@/components/admin/action-button";
import { createCredential } from "@/lib/credentials/create";
import { deleteCredential } from "@/lib/credentials/delete";
import { CreateCredentialForm, RotateSecretForm } from "@/lib/credentials/forms";
import { testCredential } from "@/lib/credentials/test";
import { updateCredential } from "@/lib/credentials/update";
import { createRoute } from "@/lib/routes/create";
import { deleteRoute } from "@/lib/routes/delete";
import { CreateRouteForm, UpdateRouteForm } from "@/lib/routes/forms";
import { updateRoute } from "@/lib/routes/update";

const done = (message: string) => {
  revalidatePath("/admin/providers");
  return message;
};

export async function createCredentialAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const created = await createCredential({ actor, input: CreateCredentialForm.parse(formObject(formData)) });
    return done(`Added “${created.name}”. Test the connection below.`);
  });
}

export async function testCredentialAction(credentialId: string): Promise<ActionResult<string | Failure>> {
  return runActorAction(async (actor) => {
    const r = await testCredential({ actor, credentialId });
    if (r.ok)
      return r.status === null
        ? r.detail
          ? `${r.detail} (${r.latencyMs} ms)`
          : "Nothing to reach: served in process."
        : `Connected: HTTP ${r.status} in ${r.latencyMs} ms.`;
    return { failure: `Failed${r.status ? ` (HTTP ${r.status})` : ""} after ${r.latencyMs} ms: ${r.error ?? "unknown error"}` };
  });
}

export async function rotateSecretAction(credentialId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const { apiKey } = RotateSecretForm.parse(formObject(formData));
    const updated = await updateCredential({ actor, input: { credentialId, apiKey } });
    return done(`Secret replaced; it now ends in …${updated.secretLast4 ?? ""}.`);
  });
}

export async function setCredentialStatusAction(credentialId: string, status: "active" | "disabled"): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await updateCredential({ actor, input: { credentialId, status } });
    return done(status === "active" ? "Enabled." : "Disabled.");
  });
}

export async function deleteCredentialAction(credentialId: string): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await deleteCredential({ actor, credentialId });
    return done("Deleted.");
  });
}

export async function createRouteAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    const route = await createRoute({ actor, input: CreateRouteForm.parse(formObject(formData)) });
    return done(`Routed “${route.publicName}”.`);
  });
}

export async function updateRouteAction(routeId: string, _prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await updateRoute({ actor, input: { routeId, ...UpdateRouteForm.parse(formObject(formData)) } });
    return done("Route saved.");
  });
}

export async function setRouteEnabledAction(routeId: string, enabled: boolean): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await updateRoute({ actor, input: { routeId, enabled } });
    return done(enabled ? "Route enabled." : "Route disabled.");
  });
}

export async function deleteRouteAction(routeId: string): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await deleteRoute({ actor, routeId });
    return done("Route deleted.");
  });
}
