"use server";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { runActorAction, withActor } from "@/lib/actions/actor-action";
import type { ActionResult } from "@/lib/actions/result";
import type { UserActor } from "@/lib/auth/actor";
import { LatchError } from "@/lib/errors";
import { createIdpConnection } from "@/lib/idp-connections/create";
import { setOrgGroupRoleMappings } from "@/lib/idp-connections/org-mappings";
import { ConnectionId, type CreateConnectionInput } from "@/lib/idp-connections/schemas";
import { startOrgIdpFlow } from "@/lib/idp-connections/start";
import { deleteIdpConnection, setIdpConnectionEnabled } from "@/lib/idp-connections/status";
import { SSO_SETTINGS_PATH, startConnectionTest } from "@/lib/idp-connections/test-sign-in";

export async function createConnectionAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  return runActorAction(async (actor) => {
    // Untrusted form fields; the verb validates them (CreateConnectionInput) before anything else.
    const input = Object.fromEntries(formData) as unknown as CreateConnectionInput;
    const created = await createIdpConnection({ actor, input });
    revalidatePath(SSO_SETTINGS_PATH);
    return created;
  });
}

export async function saveGroupRolesAction(_prev: unknown, formData: FormData): Promise<ActionResult<null>> {
  return runActorAction(async (actor) => {
    await setOrgGroupRoleMappings({ actor, text: String(formData.get("groupRoleMappings") ?? "") });
    revalidatePath(SSO_SETTINGS_PATH);
    return null;
  });
}

/** Row buttons are plain forms: the outcome shows on the page through its query string. */
async function rowAction(body: (actor: UserActor) => Promise<unknown>): Promise<void> {
  try {
    await withActor(body);
  } catch (err) {
    unstable_rethrow(err);
    redirect(`${SSO_SETTINGS_PATH}?error=${err instanceof LatchError ? err.code : "internal_error"}`);
  }
  revalidatePath(SSO_SETTINGS_PATH);
}

export async function enableConnectionAction(connectionId: string): Promise<void> {
  await rowAction((actor) => setIdpConnectionEnabled({ actor, connectionId: ConnectionId.parse(connectionId), enabled: true }));
}

export async function disableConnectionAction(connectionId: string): Promise<void> {
  await rowAction((actor) => setIdpConnectionEnabled({ actor, connectionId: ConnectionId.parse(connectionId), enabled: false }));
}

export async function deleteConnectionAction(connectionId: string): Promise<void> {
  await rowAction((actor) => deleteIdpConnection({ actor, connectionId: ConnectionId.parse(connectionId) }));
}

/** Sends the admin through the connection's IdP; the callback marks it verified (lib/idp-connections/test-sign-in.ts). */
export async function testConnectionAction(connectionId: string): Promise<void> {
  let flow: Awaited<ReturnType<typeof startConnectionTest>> | undefined;
  await rowAction(async (actor) => {
    flow = await startConnectionTest({ actor, connectionId: ConnectionId.parse(connectionId) });
  });
  if (flow) await startOrgIdpFlow(flow, { redirectTo: SSO_SETTINGS_PATH });
}
