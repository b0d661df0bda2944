// Per-org routing snapshot (routes, credentials, prices), cached in process and rebuilt on
// expiry or invalidation, so resolving a model is a Map lookup on the hot path.
import { env } from "@/lib/env";
import { RefreshingCache } from "@/lib/gateway/refreshing-cache";
import { loadOrgRouting } from "@/lib/gateway/queries";
import { compileModelPatterns, type ModelMatcher } from "@/lib/policy/model-glob";
import type { Price } from "@/lib/usage/pricing";
import { buildPriceBook } from "@/lib/usage/price-book";
import { onInvalidation } from "@/lib/invalidation";
import { toBudgetRule, type BudgetRule } from "@/lib/policy/budget-rules";
import { compileDegradeRules, type DegradeRule } from "@/lib/policy/degrade-rules";
import { compileOrgClassification, type OrgClassification } from "@/lib/policy/classification/policy";
import { compileDimensions, type Dimensions } from "@/lib/attribution/compile";
import { dimensionBudgetKey } from "@/lib/policy/budget-rules";

export type CredentialRecord = {
  id: string;
  provider: string;
  baseUrl: string | null;
  encryptedSecret: string | null;
  azureDeployment: string | null;
  azureApiVersion: string | null;
  config: Record<string, unknown>;
};

export type RouteCandidate = { credential: CredentialRecord; upstreamModel: string };

export type OrgSnapshot = {
  orgId: string;
  timeZone: string;
  allowedProviders: ReadonlySet<string> | null;
  allowedModels: ModelMatcher | null;
  allowUnpricedModels: boolean;
  clampMaxTokens: boolean;
  /** Smallest clamped output ceiling admitted. */
  clampFloorTokens: number;
  budgetFailMode: "open" | "closed";
  budgetAlertThresholds: readonly number[];
  /** Public model names and aliases → candidates in priority order. */
  routes: ReadonlyMap<string, readonly RouteCandidate[]>;
  /** Public names only (aliases excluded), for GET /v1/models. */
  publicNames: readonly string[];
  credentialsByProvider: ReadonlyMap<string, readonly CredentialRecord[]>;
  /** `provider/model` (and `provider/~canonical` for org prices) → the price in effect, resolved at build. */
  prices: ReadonlyMap<string, Price>;
  orgBudgets: readonly BudgetRule[];
  teamBudgets: ReadonlyMap<string, readonly BudgetRule[]>;
  userBudgets: ReadonlyMap<string, readonly BudgetRule[]>;
  orgDegradeRules: readonly DegradeRule[];
  teamDegradeRules: ReadonlyMap<string, readonly DegradeRule[]>;
  /** Data-classification limits (org and per team) and detectors, compiled once per snapshot. */
  classification: OrgClassification;
  /** Attribution dimensions by name, with allowed values and defaults. */
  dimensions: Dimensions;
  /** `name=value` → budgets on that dimension value. */
  dimensionBudgets: ReadonlyMap<string, readonly BudgetRule[]>;
  /** Store end users as a keyed hash rather than as sent. */
  hashEndUsers: boolean;
};

async function build(orgId: string): Promise<OrgSnapshot | null> {
  const { org, credentials, routes, prices, budgets, teams, dimensions } = await loadOrgRouting(orgId);
  if (!org) return null;
  const byId = new Map<string, CredentialRecord>();
  const byProvider = new Map<string, CredentialRecord[]>();
  for (const c of credentials) {
    const record: CredentialRecord = {
      id: c.id,
      provider: c.provider,
      baseUrl: c.baseUrl,
      encryptedSecret: c.encryptedSecret,
      azureDeployment: c.azureDeployment,
      azureApiVersion: c.azureApiVersion,
      config: (c.config ?? {}) as Record<string, unknown>,
    };
    byId.set(c.id, record);
    byProvider.set(c.provider, [...(byProvider.get(c.provider) ?? []), record]);
  }
  const routeMap = new Map<string, RouteCandidate[]>();
  const publicNames: string[] = [];
  for (const r of routes) {
    const credential = byId.get(r.credentialId);
    if (!credential) continue;
    if (!routeMap.has(r.publicName)) publicNames.push(r.publicName);
    for (const name of [r.publicName, ...r.aliases]) {
      routeMap.set(name, [...(routeMap.get(name) ?? []), { credential, upstreamModel: r.upstreamModel }]);
    }
  }
  const routed = routes.flatMap((r) => {
    const credential = byId.get(r.credentialId);
    return credential ? [{ provider: credential.provider, model: r.upstreamModel }] : [];
  });
  const priceMap = buildPriceBook(prices, routed);
  const orgBudgets: BudgetRule[] = [];
  const teamBudgets = new Map<string, BudgetRule[]>();
  const userBudgets = new Map<string, BudgetRule[]>();
  const dimensionBudgets = new Map<string, BudgetRule[]>();
  for (const b of budgets) {
    const rule = toBudgetRule(b);
    if (b.scope === "org") orgBudgets.push(rule);
    else if (b.scope === "team" && b.teamId) teamBudgets.set(b.teamId, [...(teamBudgets.get(b.teamId) ?? []), rule]);
    else if (b.scope === "dimension" && b.dimensionName && b.dimensionValue) {
      const at = dimensionBudgetKey(b.dimensionName, b.dimensionValue);
      dimensionBudgets.set(at, [...(dimensionBudgets.get(at) ?? []), rule]);
    } else if (b.scope === "user" && b.membership) userBudgets.set(b.membership.userId, [...(userBudgets.get(b.membership.userId) ?? []), rule]);
  }
  return {
    orgId,
    orgBudgets,
    teamBudgets,
    userBudgets,
    timeZone: org.timeZone,
    allowedProviders: org.allowedProviders.length ? new Set(org.allowedProviders) : null,
    allowedModels: compileModelPatterns(org.allowedModels),
    allowUnpricedModels: org.allowUnpricedModels,
    clampMaxTokens: org.clampMaxTokens,
    clampFloorTokens: org.clampFloorTokens,
    budgetFailMode: org.budgetFailMode,
    budgetAlertThresholds: org.budgetAlertThresholds,
    routes: routeMap,
    publicNames,
    credentialsByProvider: byProvider,
    prices: priceMap,
    classification: compileOrgClassification(org.classification, teams),
    dimensions: compileDimensions(dimensions),
    dimensionBudgets,
    hashEndUsers: org.hashEndUsers,
    orgDegradeRules: compileDegradeRules(org.degradeRules, "org", orgId),
    teamDegradeRules: new Map(teams.map((t) => [t.id, compileDegradeRules(t.degradeRules, "team", t.id)])),
  };
}

const MISSING = Symbol("missing");
// Stale-while-revalidate like the key cache: routing, prices and budgets refresh in the background.
const cache = new RefreshingCache<OrgSnapshot | typeof MISSING>(async (orgId) => (await build(orgId)) ?? MISSING, {
  max: 5_000,
  freshMs: env.LATCH_KEY_CACHE_TTL_MS,
  maxStaleMs: env.LATCH_CACHE_MAX_STALE_MS,
});

export async function getOrgSnapshot(orgId: string): Promise<OrgSnapshot | null> {
  const snapshot = await cache.get(orgId);
  return snapshot === MISSING ? null : snapshot;
}

export function evictOrg(orgId: string): void {
  cache.delete(orgId);
}

onInvalidation((message) => {
  if (message.kind === "org") evictOrg(message.orgId);
  else if (message.kind === "all") cache.clear();
});
