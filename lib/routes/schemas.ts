import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";

const modelName = z.string().trim().min(1).max(200);

export const CreateRouteInput = z.object({
  /** The name clients send in `model`. */
  model: modelName,
  /** The provider credential serving it. */
  providerId: z.string().min(1),
  /** The provider's own model name; defaults to `model`. */
  upstreamModel: modelName.optional(),
  aliases: z.array(modelName).max(20).default([]),
  priority: z.number().int().min(-1000).max(1000).default(0),
  enabled: z.boolean().default(true),
});
export type CreateRouteInput = z.input<typeof CreateRouteInput>;

export const UpdateRouteInput = z.object({
  routeId: z.string().min(1),
  upstreamModel: modelName.optional(),
  aliases: z.array(modelName).max(20).optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
  enabled: z.boolean().optional(),
});
export type UpdateRouteInput = z.input<typeof UpdateRouteInput>;

export const ROUTE_PUBLIC_FIELDS = {
  id: true,
  publicName: true,
  aliases: true,
  credentialId: true,
  upstreamModel: true,
  priority: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
  credential: { select: { provider: true } },
} satisfies Prisma.ModelRouteSelect;

export type RouteRecord = Prisma.ModelRouteGetPayload<{ select: typeof ROUTE_PUBLIC_FIELDS }>;
