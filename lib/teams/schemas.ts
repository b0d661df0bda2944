import { z } from "zod";
import { KeyDefaultsInput, KeyLimitsInput } from "@/lib/guardrails/schemas";
import { SpendCap } from "@/lib/budgets/schemas";
import { DegradeRulesInput } from "@/lib/policy/degrade-rules";

const id = z.string().min(1).max(100);
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Lowercase letters, digits and dashes.");

export const CreateTeamInput = z.object({
  name: z.string().trim().min(1, "Give the team a name.").max(100),
  /** Derived from the name when absent. */
  slug: slug.optional(),
  cap: SpendCap.optional(),
  memberIds: z.array(id).max(500).default([]),
});
export type CreateTeamInput = z.input<typeof CreateTeamInput>;

export const UpdateTeamInput = z.object({
  teamId: id,
  name: CreateTeamInput.shape.name.optional(),
  /** Team guardrails override the org's field by field; absent fields inherit. */
  defaultKeyPolicy: KeyDefaultsInput.optional(),
  maxKeyPolicy: KeyLimitsInput.optional(),
  /** Routing or throttling from a share of the team's caps, before the hard limit. */
  degradeRules: DegradeRulesInput.optional(),
});
export type UpdateTeamInput = z.input<typeof UpdateTeamInput>;

export const TeamMemberInput = z.object({ teamId: id, userId: id });
export type TeamMemberInput = z.input<typeof TeamMemberInput>;

export const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50) || "team";
