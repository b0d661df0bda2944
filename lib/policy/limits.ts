// Counters checked before forwarding (rate windows, concurrency, budgets). A lease is taken
// before the provider is called and settled to actual usage afterwards.
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot } from "@/lib/gateway/org-cache";
import type { Usage } from "@/lib/providers/types";

export type LimitRequest = {
  requestId: string;
  key: CachedKey;
  org: OrgSnapshot;
  estimatedInputTokens: number;
  maxOutputTokens: number;
  /** Worst-case cost in USD, or null when the model is unpriced. */
  worstCaseCostUsd: number | null;
  now: number;
};

export type Lease = {
  /** Response headers describing the key's windows (x-ratelimit-*). */
  headers: Record<string, string>;
  settle(usage: Usage, costUsd: number | null): void;
  release(): void;
};

export async function acquireLimits(_request: LimitRequest): Promise<Lease> {
  return { headers: {}, settle: () => {}, release: () => {} };
}
