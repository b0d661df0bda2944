// Child keys on the wire (snake_case), shared by the management API and the data-plane endpoint
// where the parent key is the credential.
import { z } from "zod";
import { InvalidRequestError } from "@/lib/errors";
import type { CreateChildKeyInput } from "@/lib/keys/schemas";
import type { CreatedChildKey } from "@/lib/keys/create-child";

const positiveInt = z.number().int().positive();

export const CreateChildKeyBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    run_id: z.string().trim().min(1).max(200).optional().describe("The run this key is for (CI job, sub-agent); its usage is attributed to it."),
    ttl_seconds: positiveInt.optional().describe("Lifetime; at most the configured maximum (60 minutes by default) and never past the parent's expiry."),
    allowed_models: z.array(z.string().trim().min(1).max(200)).max(200).optional().describe("A subset of the parent's models; default: the parent's."),
    rpm_limit: positiveInt.optional(),
    tpm_limit: positiveInt.optional(),
    max_concurrent: positiveInt.optional(),
    max_output_tokens: positiveInt.optional(),
    budget_usd: z.number().positive().optional().describe("Carved out of the parent's remaining spend cap while the child lives."),
    budget_tokens: positiveInt.optional().describe("Carved out of the parent's remaining token quota while the child lives."),
  })
  .meta({ title: "CreateChildKeyRequest" });

export const ChildKeyJson = z
  .object({
    id: z.string(),
    object: z.literal("key"),
    name: z.string(),
    prefix: z.string(),
    key: z.string().describe("The raw secret. Shown once, never again."),
    parent_key_id: z.string(),
    run_id: z.string().nullable(),
    expires_at: z.string(),
  })
  .meta({ title: "ChildKeyWithSecret" });

export function toCreateChildKeyInput(raw: unknown): CreateChildKeyInput {
  const parsed = CreateChildKeyBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidRequestError(issue.message, issue.path.join(".") || null);
  }
  const b = parsed.data;
  return {
    name: b.name,
    runId: b.run_id,
    ttlSeconds: b.ttl_seconds,
    allowedModels: b.allowed_models,
    rpmLimit: b.rpm_limit,
    tpmLimit: b.tpm_limit,
    maxConcurrent: b.max_concurrent,
    maxOutputTokens: b.max_output_tokens,
    budgetUsd: b.budget_usd,
    budgetTokens: b.budget_tokens,
  };
}

export const toChildKeyJson = (k: CreatedChildKey): z.input<typeof ChildKeyJson> => ({
  id: k.id,
  object: "key",
  name: k.name,
  prefix: k.prefix,
  key: k.secret,
  parent_key_id: k.parentKeyId,
  run_id: k.runId,
  expires_at: k.expiresAt.toISOString(),
});
