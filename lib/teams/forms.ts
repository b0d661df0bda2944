import { z } from "zod";
import { SpendCapForm } from "@/lib/orgs/forms";

export const CreateTeamForm = z
  .object({ name: z.string(), spendCapUsd: z.unknown().optional(), spendPeriod: z.unknown().optional(), memberIds: z.array(z.string()).default([]) })
  .transform(({ name, memberIds, spendCapUsd, spendPeriod }) => {
    const cap = SpendCapForm.parse({ spendCapUsd, spendPeriod });
    return { name, memberIds, ...(cap.limitUsd !== null ? { cap } : {}) };
  });

export const RenameTeamForm = z.object({ name: z.string() });
export const AddTeamMemberForm = z.object({ userId: z.string().min(1, "Pick a member.") });
