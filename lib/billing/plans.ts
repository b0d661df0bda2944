// Plans, their prices and their limits: the one table the billing page, the limit checks and the
// webhook's price → plan mapping all read. Stripe charges the price ids; the amounts here are
// what the billing page shows and must match the prices configured in Stripe.
import { env } from "@/lib/env";

export const PLAN_IDS = ["free", "team", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export const PAID_PLAN_IDS = ["team", "enterprise"] as const satisfies readonly PlanId[];
export type PaidPlanId = (typeof PAID_PLAN_IDS)[number];

export const FEATURES = ["approvals", "idp_connection"] as const;
export type Feature = (typeof FEATURES)[number];

export type Plan = {
  id: PlanId;
  name: string;
  /** Per active member per month, in USD, as shown on the billing page. */
  seatPriceUsd: number;
  summary: string;
  /** null = unlimited. */
  limits: { members: number | null; activeKeys: number | null };
  features: readonly Feature[];
  stripePriceId: string | null;
};

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: "free",
    name: "Free",
    seatPriceUsd: 0,
    summary: "For trying Latch with a small group.",
    limits: { members: 3, activeKeys: 10 },
    features: [],
    stripePriceId: null,
  },
  team: {
    id: "team",
    name: "Team",
    seatPriceUsd: 12,
    summary: "Approvals and your own identity provider.",
    limits: { members: null, activeKeys: 250 },
    features: ["approvals", "idp_connection"],
    stripePriceId: env.STRIPE_PRICE_TEAM ?? null,
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    seatPriceUsd: 40,
    summary: "Everything, without limits.",
    limits: { members: null, activeKeys: null },
    features: FEATURES,
    stripePriceId: env.STRIPE_PRICE_ENTERPRISE ?? null,
  },
};

export const FEATURE_NAMES: Record<Feature, string> = {
  approvals: "Key requests and approvals",
  idp_connection: "Your own IdP connection",
};

/** Off for self-hosted deployments (no Stripe key): no limits, no billing screens. */
export const billingEnabled = (): boolean => env.billingEnabled;

export const asPlanId = (value: string): PlanId => ((PLAN_IDS as readonly string[]).includes(value) ? (value as PlanId) : "free");

export const planForPrice = (priceId: string | null | undefined): PlanId | null =>
  priceId ? (PLAN_IDS.find((id) => PLANS[id].stripePriceId === priceId) ?? null) : null;

/** The cheapest plan that offers a feature, named in upgrade messages. */
export const cheapestPlanWith = (feature: Feature): Plan => PLANS[PLAN_IDS.find((id) => PLANS[id].features.includes(feature)) ?? "enterprise"];
