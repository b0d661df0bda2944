import { z } from "zod";
import { checkboxField, listField } from "@/lib/actions/form-fields";

export const CreateRouteForm = z.object({
  model: z.string(),
  providerId: z.string(),
  upstreamModel: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().optional()),
  aliases: listField,
  priority: z.coerce.number().int().default(0),
  enabled: checkboxField,
});

export const UpdateRouteForm = z.object({
  upstreamModel: z.string().trim().min(1),
  aliases: listField,
  priority: z.coerce.number().int(),
});
