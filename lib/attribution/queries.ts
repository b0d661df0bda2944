// Persistence of attribution dimensions; every query is scoped by org.
import type { db } from "@/lib/db";
import { InvalidRequestError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Client = Prisma.TransactionClient | typeof db;

export const DIMENSION_FIELDS = {
  id: true,
  name: true,
  label: true,
  description: true,
  values: true,
  required: true,
  defaultValue: true,
  teamDefaults: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.AttributionDimensionSelect;

export function listDimensionRows(client: Client, orgId: string) {
  return client.attributionDimension.findMany({ where: { orgId }, select: DIMENSION_FIELDS, orderBy: { name: "asc" } });
}

export async function getDimensionOrThrow(client: Client, orgId: string, id: string) {
  const row = await client.attributionDimension.findFirst({ where: { orgId, id }, select: DIMENSION_FIELDS });
  if (!row) throw new NotFoundError("dimension_not_found", "No such attribution dimension.", "id");
  return row;
}

export type DimensionRecord = Awaited<ReturnType<typeof getDimensionOrThrow>>;

/** Teams named in team defaults must be the org's own. */
export async function assertOrgTeams(client: Client, orgId: string, teamIds: readonly string[]): Promise<void> {
  if (!teamIds.length) return;
  const found = await client.team.count({ where: { orgId, id: { in: [...teamIds] } } });
  if (found !== new Set(teamIds).size) throw new InvalidRequestError("A team in `teamDefaults` does not exist in this organisation.", "teamDefaults");
}
