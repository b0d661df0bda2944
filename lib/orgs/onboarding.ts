// The setup checklist of a fresh org, read from what exists.
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { inProcessProviderIds } from "@/lib/providers/registry";

export type OnboardingStep = { id: "provider" | "route" | "guardrails" | "people" | "key"; done: boolean };

/**
 * A fresh org's setup, in the order it has to happen: a provider credential, a model routed to
 * it, key guardrails, more people, the first key. Read from what exists, so it never goes stale.
 */
export async function getOnboarding({ actor }: { actor: Actor }): Promise<OnboardingStep[]> {
  requirePermission(actor, "org.write");
  const orgId = actor.orgId;
  const [providers, routes, org, members, keys] = await Promise.all([
    // The built-in echo provider of a new install does not count: it reaches no real model.
    db.providerCredential.count({ where: { orgId, provider: { notIn: [...inProcessProviderIds] } } }),
    db.modelRoute.count({ where: { orgId, credential: { provider: { notIn: [...inProcessProviderIds] } } } }),
    db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { maxKeyPolicy: true } }),
    db.membership.count({ where: { orgId } }),
    db.virtualKey.count({ where: { orgId } }),
  ]);
  const limits = org.maxKeyPolicy && typeof org.maxKeyPolicy === "object" ? Object.keys(org.maxKeyPolicy) : [];
  return [
    { id: "provider", done: providers > 0 },
    { id: "route", done: routes > 0 },
    { id: "guardrails", done: limits.length > 0 },
    { id: "people", done: members > 1 },
    { id: "key", done: keys > 0 },
  ];
}
