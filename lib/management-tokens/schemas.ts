import { z } from "zod";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

export const CreateManagementTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  expiresAt: z.coerce.date().nullable().default(null),
});
export type CreateManagementTokenInput = z.input<typeof CreateManagementTokenInput>;

/** Everything but the hash: the secret itself is never stored. */
export const TOKEN_PUBLIC_FIELDS = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdById: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
} satisfies Prisma.ManagementTokenSelect;

export type ManagementTokenRecord = Prisma.ManagementTokenGetPayload<{ select: typeof TOKEN_PUBLIC_FIELDS }>;
