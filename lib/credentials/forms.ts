// The provider credential forms of the admin console: FormData strings → credential verb inputs.
import { z } from "zod";
import { checkboxField, listField } from "@/lib/actions/form-fields";
import { providerIds } from "@/lib/providers/registry";

const blankToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);
/** Fields only some providers' forms show: absent or blank → left out. */
const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().optional());

/** "gpt-4o = my-gpt4o-deployment" per line → { "gpt-4o": "my-gpt4o-deployment" }. */
const deploymentsField = z
  .string()
  .max(20_000)
  .default("")
  .transform((text, ctx) => {
    const out: Record<string, string> = {};
    for (const line of text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)) {
      const [model, deployment] = line.split("=").map((s) => s.trim());
      if (!model || !deployment) ctx.addIssue({ code: "custom", message: `Write "model = deployment" (got "${line}").` });
      else out[model] = deployment;
    }
    return out;
  });

export const CreateCredentialForm = z.object({
  provider: z.enum(providerIds),
  name: z.string(),
  baseUrl: z.preprocess(blankToNull, z.string().nullable()),
  apiKey: z.preprocess(blankToNull, z.string().nullable()),
  azureApiVersion: z.preprocess(blankToNull, z.string().nullable()),
  deployments: deploymentsField,
  models: listField,
  compatible: checkboxField,
  /** Bedrock and Vertex AI. */
  region: optionalText,
  /** Vertex AI. */
  project: optionalText,
});

export const RotateSecretForm = z.object({ apiKey: z.string().trim().min(1, "Paste the new secret.").max(10_000) });
