// Key requests on the wire (snake_case) ↔ lib/key-requests (camelCase). An approver's lowered
// grant uses the same key-policy names as POST /v1/keys; lib/key-requests checks it only lowers.
import { z } from "zod";
import { KeyValues } from "@/lib/guardrails/schemas";
import type { RequestRow } from "@/lib/key-requests/queries";
import { DenyKeyRequestInput } from "@/lib/key-requests/schemas";
import { InvalidRequestError } from "@/lib/errors";
import { iso, PageQuery, Timestamp } from "@/lib/api/serializers/common";
import { Period, policyFields } from "@/lib/api/serializers/keys";

const DAY_MS = 86_400_000;
const Status = z.enum(["pending", "approved", "denied", "cancelled"]);

export const ListKeyRequestsQuery = PageQuery.extend({ status: Status.optional() });

export const ApproveKeyRequestBody = z
  .strictObject({
    allowed_models: policyFields.allowed_models,
    rpm_limit: policyFields.rpm_limit,
    tpm_limit: policyFields.tpm_limit,
    spend_limit_usd: policyFields.spend_limit_usd,
    spend_reset_period: policyFields.spend_reset_period,
    expires_at: policyFields.expires_at,
  })
  .meta({
    title: "ApproveKeyRequestRequest",
    description: "Fields to grant instead of what was asked; each may only be lowered. Absent fields are granted as asked.",
  });

export const DenyKeyRequestBody = z.strictObject({ reason: DenyKeyRequestInput.shape.reason }).meta({ title: "DenyKeyRequestRequest" });

const PolicyJson = z
  .object({
    allowed_models: z.array(z.string()),
    rpm_limit: z.number().int().nullable(),
    tpm_limit: z.number().int().nullable(),
    spend_limit_usd: z.number().nullable(),
    spend_reset_period: Period,
    expires_in_days: z.number().int().nullable().describe("The key's lifetime from approval; null never expires."),
  })
  .meta({ title: "KeyRequestPolicy" });

export const KeyRequestJson = z
  .object({
    id: z.string(),
    object: z.literal("key_request"),
    kind: z.enum(["create", "update"]).describe("`create` asks for a new key; `update` for more on `target_key_id`."),
    status: Status,
    name: z.string(),
    requester_id: z.string(),
    requester_email: z.string(),
    team_id: z.string().nullable(),
    target_key_id: z.string().nullable(),
    key_id: z.string().nullable().describe("The key minted on approval of a `create` request."),
    justification: z.string().nullable(),
    requested: PolicyJson,
    granted: PolicyJson.nullable(),
    reason: z.string().nullable().describe("Why it was denied."),
    decided_by_email: z.string().nullable(),
    created_at: Timestamp,
    decided_at: Timestamp.nullable(),
  })
  .meta({ title: "KeyRequest" });

const toPolicyJson = (v: KeyValues): z.input<typeof PolicyJson> => ({
  allowed_models: v.models,
  rpm_limit: v.rpmLimit,
  tpm_limit: v.tpmLimit,
  spend_limit_usd: v.spendCapUsd,
  spend_reset_period: v.spendCapUsd === null || v.spendPeriod === "lifetime" ? null : v.spendPeriod,
  expires_in_days: v.expiresInDays,
});

export const toKeyRequestJson = (r: RequestRow): z.input<typeof KeyRequestJson> => {
  const granted = r.grantedPolicy === null ? null : KeyValues.safeParse(r.grantedPolicy).data;
  return {
    id: r.id,
    object: "key_request",
    kind: r.kind,
    status: r.status,
    name: r.name,
    requester_id: r.requesterId,
    requester_email: r.requester.email,
    team_id: r.teamId,
    target_key_id: r.targetKeyId,
    key_id: r.keyId,
    justification: r.justification,
    requested: toPolicyJson(KeyValues.parse(r.requestedPolicy)),
    granted: granted ? toPolicyJson(granted) : null,
    reason: r.reason,
    decided_by_email: r.decidedBy?.email ?? null,
    created_at: r.createdAt.toISOString(),
    decided_at: iso(r.decidedAt),
  };
};

/** The grant: what was asked, with the body's fields in its place (undefined: grant the ask as is). */
export function toGrantedValues(body: z.output<typeof ApproveKeyRequestBody>, asked: KeyValues, now = Date.now()): KeyValues | undefined {
  if (Object.values(body).every((v) => v === undefined)) return undefined;
  let expiresInDays = asked.expiresInDays;
  if (body.expires_at !== undefined) {
    const at = body.expires_at === null ? null : new Date(body.expires_at).getTime();
    if (at !== null && at <= now) throw new InvalidRequestError("`expires_at` must be in the future.", "expires_at");
    expiresInDays = at === null ? null : Math.max(1, Math.ceil((at - now) / DAY_MS));
  }
  return {
    models: body.allowed_models ?? asked.models,
    rpmLimit: body.rpm_limit === undefined ? asked.rpmLimit : body.rpm_limit,
    tpmLimit: body.tpm_limit === undefined ? asked.tpmLimit : body.tpm_limit,
    spendCapUsd: body.spend_limit_usd === undefined ? asked.spendCapUsd : body.spend_limit_usd,
    spendPeriod: body.spend_reset_period === undefined ? asked.spendPeriod : (body.spend_reset_period ?? "lifetime"),
    expiresInDays,
  };
}
