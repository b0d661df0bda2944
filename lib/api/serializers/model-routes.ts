import { z } from "zod";
import type { CreateRouteInput, RouteRecord, UpdateRouteInput } from "@/lib/routes/schemas";
import { PageQuery, Timestamp } from "@/lib/api/serializers/common";

const modelName = z.string().trim().min(1).max(200);
const priority = z.number().int().min(-1000).max(1000).describe("Lower is tried first; equal priorities share load round-robin.");

export const CreateModelRouteBody = z
  .strictObject({
    model: modelName.describe("The name clients send in `model`."),
    provider_id: z.string().min(1),
    upstream_model: modelName.optional().describe("The provider's model (or Azure deployment) name; defaults to `model`."),
    aliases: z.array(modelName).max(20).optional(),
    priority: priority.optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ title: "CreateModelRouteRequest" });

export const UpdateModelRouteBody = z
  .strictObject({
    upstream_model: modelName.optional(),
    aliases: z.array(modelName).max(20).optional(),
    priority: priority.optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ title: "UpdateModelRouteRequest" });

export const ListModelRoutesQuery = PageQuery.extend({ model: modelName.optional(), provider_id: z.string().min(1).optional() });

export const ModelRouteJson = z
  .object({
    id: z.string(),
    object: z.literal("model_route"),
    model: z.string(),
    aliases: z.array(z.string()),
    provider_id: z.string(),
    provider_type: z.string(),
    upstream_model: z.string(),
    priority: z.number().int(),
    enabled: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ title: "ModelRoute" });

export const toModelRouteJson = (r: RouteRecord): z.input<typeof ModelRouteJson> => ({
  id: r.id,
  object: "model_route",
  model: r.publicName,
  aliases: r.aliases,
  provider_id: r.credentialId,
  provider_type: r.credential.provider,
  upstream_model: r.upstreamModel,
  priority: r.priority,
  enabled: r.enabled,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

export const toCreateRouteInput = (b: z.output<typeof CreateModelRouteBody>): CreateRouteInput => ({
  model: b.model,
  providerId: b.provider_id,
  upstreamModel: b.upstream_model,
  aliases: b.aliases,
  priority: b.priority,
  enabled: b.enabled,
});

export const toUpdateRouteInput = (routeId: string, b: z.output<typeof UpdateModelRouteBody>): UpdateRouteInput => ({
  routeId,
  upstreamModel: b.upstream_model,
  aliases: b.aliases,
  priority: b.priority,
  enabled: b.enabled,
});
