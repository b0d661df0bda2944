import { z } from "zod";
import { KeyValues } from "@/lib/guardrails/schemas";
import { KeyKind } from "@/lib/keys/kinds";
import { AttributionAsk, DimensionValues } from "@/lib/attribution/schemas";

const id = z.string().trim().min(1).max(100);
const name = z.string().trim().min(1, "Give the key a name.").max(100, "At most 100 characters.");
export const Justification = z.string().trim().min(10, "Say in a sentence or two why you need this.").max(2000, "At most 2000 characters.");

export const CreateKeyRequestInput = z.object({
  kind: z.enum(["create", "update"]).default("create"),
  name,
  teamId: id.nullable().default(null),
  /** The key an `update` request would change. */
  targetKeyId: id.nullable().default(null),
  values: KeyValues,
  justification: Justification,
  attribution: AttributionAsk.optional(),
});
export type CreateKeyRequestInput = z.input<typeof CreateKeyRequestInput>;

/** Justification is optional here: it is only required once the ask turns out to exceed the guardrails. */
export const SelfServiceCreateInput = z.object({
  name,
  teamId: id.nullable().default(null),
  kind: KeyKind.default("personal"),
  /** Attribution values (e.g. the cost center the org requires); checked when the key is minted. */
  dimensions: DimensionValues.default({}),
  values: KeyValues,
  justification: z.string().trim().max(2000).default(""),
});
export type SelfServiceCreateInput = z.input<typeof SelfServiceCreateInput>;

export const SelfServiceUpdateInput = z.object({
  keyId: id,
  name: name.optional(),
  values: KeyValues,
  justification: z.string().trim().max(2000).default(""),
});
export type SelfServiceUpdateInput = z.input<typeof SelfServiceUpdateInput>;

export const ApproveKeyRequestInput = z.object({
  requestId: id,
  /** What to grant instead of the ask; each field may only be lowered. */
  granted: KeyValues.optional(),
});
export type ApproveKeyRequestInput = z.input<typeof ApproveKeyRequestInput>;

export const DenyKeyRequestInput = z.object({
  requestId: id,
  reason: z.string().trim().min(3, "Tell the requester why.").max(1000, "At most 1000 characters."),
});
export type DenyKeyRequestInput = z.input<typeof DenyKeyRequestInput>;

export const RequestIdInput = z.object({ requestId: id });
export type RequestIdInput = z.input<typeof RequestIdInput>;

export const DenyKeyRequestsInput = z.object({
  requestIds: z.array(id).min(1, "Pick at least one request.").max(100, "At most 100 at a time."),
  reason: DenyKeyRequestInput.shape.reason,
});
export type DenyKeyRequestsInput = z.input<typeof DenyKeyRequestsInput>;
