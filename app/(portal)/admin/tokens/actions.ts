"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runActorAction } from "@/lib/actions/actor-action";
import { formInput } from "@/lib/actions/form-fields";
import type { ActionResult } from "@/lib/actions/result";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import { createManagementToken } from "@/lib/management-tokens/create";
import { revokeManagementToken } from "@/lib/management-tokens/revoke";

const TokenForm = z.object({
  name: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, "Pick at least one scope."),
  expiresAt: z.preprocess((v) => (v === "" ? null : v), z.string().nullable()),
});

/** The secret goes back once, to this response only; only its hash is stored. */
export async function createTokenAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ secret: string; name: string }>> {
  return runActorAction(async (actor) => {
    const { token, secret } = await createManagementToken({ actor, input: TokenForm.parse(formInput(formData, ["scopes"])) });
    revalidatePath("/admin/tokens");
    return { secret, name: token.name };
  });
}

export async function revokeTokenAction(tokenId: string): Promise<ActionResult<string>> {
  return runActorAction(async (actor) => {
    await revokeManagementToken({ actor, tokenId });
    revalidatePath("/admin/tokens");
    return "Token revoked.";
  });
}
