// Database reads behind the gateway caches. Called on cache misses only, never per warm request.
import { db } from "@/lib/db";

const BUDGET_FIELDS = {
  id: true,
  scope: true,
  kind: true,
  period: true,
  limit: true,
  teamId: true,
  dimensionName: true,
  dimensionValue: true,
  membership: { select: { userId: true } },
} as const;

export function findKeyByHash(hash: string) {
  return db.virtualKey.findFirst({
    where: { OR: [{ hash }, { previousHash: hash }] },
    select: {
      id: true,
      orgId: true,
      name: true,
      hash: true,
      previousHashExpiresAt: true,
      ownerUserId: true,
      teamId: true,
      status: true,
      kind: true,
      expiresAt: true,
      allowedProviders: true,
      allowedModels: true,
      deniedModels: true,
      allowedIps: true,
      rpmLimit: true,
      tpmLimit: true,
      maxConcurrent: true,
      maxRequestCostUsd: true,
      maxOutputTokens: true,
      maxSensitivity: true,
      sensitivityAction: true,
      dimensions: true,
      requestTags: true,
      budgets: { select: BUDGET_FIELDS },
      maxChildKeys: true,
      parentKeyId: true,
      runId: true,
      createdAt: true,
      degradeRules: true,
      parent: { select: { status: true, expiresAt: true, budgets: { select: BUDGET_FIELDS } } },
    },
  });
}

export type KeyRow = NonNullable<Awaited<ReturnType<typeof findKeyByHash>>>;

export async function loadOrgRouting(orgId: string) {
  const [org, credentials, routes, prices, budgets, teams, dimensions] = await Promise.all([
    db.organization.findUnique({
      where: { id: orgId },
      select: {
        id: true,
        timeZone: true,
        budgetAlertThresholds: true,
        allowedProviders: true,
        allowedModels: true,
        allowUnpricedModels: true,
        clampMaxTokens: true,
        clampFloorTokens: true,
        budgetFailMode: true,
        classification: true,
        hashEndUsers: true,
        degradeRules: true,
      },
    }),
    db.providerCredential.findMany({ where: { orgId, status: "active" }, orderBy: { createdAt: "asc" } }),
    db.modelRoute.findMany({ where: { orgId, enabled: true }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }] }),
    db.modelPrice.findMany({
      // The shipped catalog is code (lib/usage/price-catalog.ts); the database holds org prices only.
      where: { orgId, effectiveFrom: { lte: new Date() } },
      orderBy: { effectiveFrom: "asc" },
    }),
    db.budget.findMany({ where: { orgId, scope: { in: ["org", "team", "user", "dimension"] } }, select: BUDGET_FIELDS }),
    db.team.findMany({ where: { orgId }, select: { id: true, classification: true, degradeRules: true } }),
    db.attributionDimension.findMany({ where: { orgId }, select: { name: true, values: true, required: true, defaultValue: true, teamDefaults: true } }),
  ]);
  return { org, credentials, routes, prices, budgets, teams, dimensions };
}

export type OrgRoutingRows = Awaited<ReturnType<typeof loadOrgRouting>>;
