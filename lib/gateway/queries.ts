// Database reads behind the gateway caches. Called on cache misses only, never per warm request.
import { db } from "@/lib/db";

export function findKeyByHash(hash: string) {
  return db.virtualKey.findFirst({
    where: { OR: [{ hash }, { previousHash: hash }] },
    select: {
      id: true, orgId: true, name: true, hash: true, previousHashExpiresAt: true, ownerUserId: true, teamId: true,
      status: true, expiresAt: true, allowedProviders: true, allowedModels: true, deniedModels: true,
      allowedIps: true, rpmLimit: true, tpmLimit: true, maxConcurrent: true, maxRequestCostUsd: true,
      maxOutputTokens: true,
    },
  });
}

export type KeyRow = NonNullable<Awaited<ReturnType<typeof findKeyByHash>>>;

export async function loadOrgRouting(orgId: string) {
  const [org, credentials, routes, prices] = await Promise.all([
    db.organization.findUnique({
      where: { id: orgId },
      select: { id: true, timeZone: true, allowedProviders: true, allowedModels: true, allowUnpricedModels: true, clampMaxTokens: true, budgetFailMode: true },
    }),
    db.providerCredential.findMany({ where: { orgId, status: "active" }, orderBy: { createdAt: "asc" } }),
    db.modelRoute.findMany({ where: { orgId, enabled: true }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }] }),
    db.modelPrice.findMany({
      where: { OR: [{ orgId }, { orgId: null }], effectiveFrom: { lte: new Date() } },
      orderBy: { effectiveFrom: "asc" },
    }),
  ]);
  return { org, credentials, routes, prices };
}

export type OrgRoutingRows = Awaited<ReturnType<typeof loadOrgRouting>>;
