// Provider credentials on the wire. The secret is write-only: no response carries more than its last four characters.
import { z } from "zod";
import { fromProviderType, providerTypeOf, providerTypes } from "@/lib/providers/registry";
import { Deployments, readConfig, type CreateCredentialInput, type CredentialRecord, type UpdateCredentialInput } from "@/lib/credentials/schemas";
import type { ConnectionTest } from "@/lib/credentials/test";
import { iso, PageQuery, Timestamp } from "@/lib/api/serializers/common";

const ProviderType = z.enum(providerTypes).describe("`openai_compatible` is any server speaking OpenAI's API at `base_url`.");
const baseUrl = z.url({ protocol: /^https?$/ });
const apiKey = z
  .string()
  .trim()
  .min(1)
  .max(10_000)
  .describe(
    "Write-only. For `bedrock`, the AWS credentials as JSON (`accessKeyId`, `secretAccessKey`, optional `sessionToken`, `roleArn`, `externalId`); for `vertex`, the service account's JSON key file.",
  );
const region = z.string().trim().min(1).max(50).describe("`bedrock` and `vertex` (required): the cloud region, e.g. `us-east-1`, `europe-west1`.");
const project = z.string().trim().min(1).max(100).describe("`vertex`: the Google Cloud project; defaults to the key file's `project_id`.");
const stsEndpoint = z.url({ protocol: /^https?$/ }).describe("`bedrock`: the STS endpoint for assuming `roleArn`.");
const name = z.string().trim().min(1).max(100);

export const CreateProviderBody = z
  .strictObject({
    type: ProviderType,
    name,
    base_url: baseUrl.nullable().optional().describe("Required for `azure` and `openai_compatible`."),
    api_key: apiKey.optional(),
    api_version: z.string().trim().min(1).max(50).nullable().optional().describe("Azure OpenAI API version."),
    deployments: Deployments.optional().describe("Azure: public model name → deployment name; each gets a route."),
    models: z.array(z.string().trim().min(1).max(200)).max(200).optional().describe("Model names to route to this provider, created in the same call."),
    region: region.optional(),
    project: project.optional(),
    sts_endpoint: stsEndpoint.optional(),
  })
  .meta({ title: "CreateProviderRequest" });

export const UpdateProviderBody = z
  .strictObject({
    name: name.optional(),
    base_url: baseUrl.nullable().optional(),
    api_key: apiKey.optional(),
    api_version: z.string().trim().min(1).max(50).nullable().optional(),
    deployments: Deployments.optional(),
    status: z.enum(["active", "disabled"]).optional().describe("A disabled provider is skipped by the gateway."),
    region: region.optional(),
    project: project.optional(),
    sts_endpoint: stsEndpoint.nullable().optional().describe("`bedrock`: the STS endpoint for assuming `roleArn`; null removes it."),
  })
  .meta({ title: "UpdateProviderRequest" });

export const ListProvidersQuery = PageQuery;

export const ProviderJson = z
  .object({
    id: z.string(),
    object: z.literal("provider"),
    type: ProviderType,
    name: z.string(),
    base_url: z.string().nullable(),
    api_key_last4: z.string().nullable().describe("`bedrock`: of the access key id; `vertex`: of the service account's name."),
    api_version: z.string().nullable(),
    deployments: z.record(z.string(), z.string()),
    region: z.string().nullable(),
    project: z.string().nullable(),
    sts_endpoint: z.string().nullable(),
    models: z.array(z.string()).describe("Public model names routed to this provider."),
    status: z.enum(["active", "disabled"]),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ title: "Provider" });

export const ProviderTestJson = z
  .object({
    ok: z.boolean(),
    latency_ms: z.number().int(),
    status: z.number().int().nullable().describe("The provider's HTTP status; null when nothing was sent or it was unreachable."),
    error: z.string().optional(),
  })
  .meta({ title: "ProviderTestResult" });

export function toProviderJson(c: CredentialRecord): z.input<typeof ProviderJson> {
  const config = readConfig(c.config);
  return {
    id: c.id,
    object: "provider",
    type: providerTypeOf(c.provider, config.compatible),
    name: c.name,
    base_url: c.baseUrl,
    api_key_last4: c.secretLast4,
    api_version: c.azureApiVersion,
    deployments: config.deployments ?? {},
    region: config.region ?? null,
    project: config.project ?? null,
    sts_endpoint: config.stsEndpoint ?? null,
    models: [...new Set(c.routes.map((r) => r.publicName))],
    status: c.status,
    created_at: c.createdAt.toISOString(),
    updated_at: iso(c.updatedAt)!,
  };
}

export function toCreateCredentialInput(body: z.output<typeof CreateProviderBody>): CreateCredentialInput {
  return {
    name: body.name,
    ...fromProviderType(body.type),
    baseUrl: body.base_url ?? null,
    apiKey: body.api_key ?? null,
    azureApiVersion: body.api_version ?? null,
    deployments: body.deployments,
    models: body.models,
    region: body.region ?? null,
    project: body.project ?? null,
    stsEndpoint: body.sts_endpoint ?? null,
  };
}

export function toUpdateCredentialInput(credentialId: string, body: z.output<typeof UpdateProviderBody>): UpdateCredentialInput {
  return {
    credentialId,
    name: body.name,
    baseUrl: body.base_url,
    apiKey: body.api_key,
    azureApiVersion: body.api_version,
    deployments: body.deployments,
    status: body.status,
    region: body.region,
    project: body.project,
    stsEndpoint: body.sts_endpoint,
  };
}

export const toProviderTestJson = (t: ConnectionTest): z.input<typeof ProviderTestJson> => ({
  ok: t.ok,
  latency_ms: t.latencyMs,
  status: t.status,
  ...(t.error ? { error: t.error } : {}),
});
