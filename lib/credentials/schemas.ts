import { z } from "zod";
import { providerIds } from "@/lib/providers/registry";
import type { Prisma } from "@/lib/generated/prisma/client";

const modelName = z.string().trim().min(1).max(200);

/** Public model name → Azure deployment name. */
export const Deployments = z.record(modelName, z.string().trim().min(1).max(200));

// A region becomes part of the provider's host name: only a region name's characters are allowed.
const region = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[a-z]+(-[a-z0-9]+)*$/, "Must be a region name such as us-east-1 or europe-west4.");
const project = z.string().trim().min(1).max(100);
const stsEndpoint = z.url({ protocol: /^https?$/ });

export const CreateCredentialInput = z.object({
  name: z.string().trim().min(1).max(100),
  provider: z.enum(providerIds),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  /** The provider's secret; stored encrypted, never returned. */
  apiKey: z.string().trim().min(1).max(10_000).nullable().default(null),
  azureApiVersion: z.string().trim().min(1).max(50).nullable().default(null),
  deployments: Deployments.default({}),
  /** Model names to route to this credential at once (a route each, upstream name = public name). */
  models: z.array(modelName).max(200).default([]),
  /** Whether an `openai` credential is a self-hosted OpenAI-compatible server (base URL required, key optional). */
  compatible: z.boolean().default(false),
  /** Bedrock and Vertex AI: the cloud region (stored in `config`). */
  region: region.nullable().default(null),
  /** Vertex AI: the Google Cloud project (defaults to the key file's project_id). */
  project: project.nullable().default(null),
  /** Bedrock: the STS endpoint used to assume `roleArn` (private endpoints). */
  stsEndpoint: stsEndpoint.nullable().default(null),
});
export type CreateCredentialInput = z.input<typeof CreateCredentialInput>;

export const UpdateCredentialInput = z.object({
  credentialId: z.string().min(1),
  name: CreateCredentialInput.shape.name.optional(),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  apiKey: z.string().trim().min(1).max(10_000).optional(),
  azureApiVersion: z.string().trim().min(1).max(50).nullable().optional(),
  deployments: Deployments.optional(),
  status: z.enum(["active", "disabled"]).optional(),
  region: region.optional(),
  project: project.optional(),
  /** null removes it. */
  stsEndpoint: stsEndpoint.nullable().optional(),
});
export type UpdateCredentialInput = z.input<typeof UpdateCredentialInput>;

/** Never the ciphertext: reads cannot leak a secret even by mistake. */
export const CREDENTIAL_PUBLIC_FIELDS = {
  id: true,
  name: true,
  provider: true,
  baseUrl: true,
  secretLast4: true,
  azureApiVersion: true,
  config: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  routes: { select: { publicName: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.ProviderCredentialSelect;

export type CredentialRecord = Prisma.ProviderCredentialGetPayload<{ select: typeof CREDENTIAL_PUBLIC_FIELDS }>;

/** What we keep in `config` beyond the columns. */
export type CredentialConfig = { compatible?: boolean; deployments?: Record<string, string>; region?: string; project?: string; stsEndpoint?: string };
export const readConfig = (config: Prisma.JsonValue): CredentialConfig =>
  config && typeof config === "object" && !Array.isArray(config) ? (config as CredentialConfig) : {};
