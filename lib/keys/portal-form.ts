// The portal's "create key" form: flat strings from FormData → CreateKeyInput.
import { z } from "zod";
import type { CreateKeyInput } from "@/lib/keys/schemas";

const DAY_MS = 24 * 60 * 60 * 1000;
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalNumber = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const CreateKeyForm = z
  .object({
    name: z.string().trim().min(1, "Give the key a name.").max(100, "At most 100 characters."),
    models: z.string().default(""),
    expiresInDays: optionalNumber(z.coerce.number().int("Whole days only.").min(1, "At least 1 day.").max(3650, "At most 10 years.")),
    rpmLimit: optionalNumber(z.coerce.number().int("Whole numbers only.").min(1, "At least 1.").max(1_000_000)),
    monthlySpendUsd: optionalNumber(z.coerce.number().positive("Must be more than 0.").max(1_000_000)),
  })
  .transform((f): CreateKeyInput => ({
    name: f.name,
    allowedModels: f.models.split(",").map((m) => m.trim()).filter(Boolean),
    expiresAt: f.expiresInDays ? new Date(Date.now() + f.expiresInDays * DAY_MS) : null,
    rpmLimit: f.rpmLimit ?? null,
    budgets: f.monthlySpendUsd ? [{ kind: "spend", period: "monthly", limit: f.monthlySpendUsd }] : [],
  }));
