import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { listKeys } from "@/lib/keys/list";
import { periodWindow, type PeriodWindow } from "@/lib/policy/periods";
import { orgTimeZone, spendByKey } from "@/lib/usage/queries-for-keys";

export type KeyStatusFilter = "active" | "expired" | "revoked" | "all";
export type KeyListFilter = { status?: KeyStatusFilter; q?: string; owner?: "all" | "personal" | "team" };

type KeyRow = Awaited<ReturnType<typeof listKeys>>[number];
export type KeyWithSpend = KeyRow & {
  /** Stored status, with "expired" derived from the clock (the stored one lags behind it). */
  displayStatus: "active" | "expired" | "revoked" | "pending" | "suspended";
  spend: { usd: number; capUsd: number | null; period: string; window: PeriodWindow };
};

/**
 * The portal's key list: what listKeys returns, filtered for the screen, with each key's spend
 * over its spend budget's current period (the calendar month for keys without one).
 */
export async function listKeysWithSpend({
  actor,
  filter = {},
  now = Date.now(),
}: {
  actor: Actor;
  filter?: KeyListFilter;
  now?: number;
}): Promise<KeyWithSpend[]> {
  requirePermission(actor, "keys.read.own");
  const [rows, timeZone] = await Promise.all([listKeys({ actor, take: 500 }), orgTimeZone(actor.orgId)]);
  const q = filter.q?.trim().toLowerCase();
  const shown = rows
    .map((key) => {
      const displayStatus = key.status === "active" && key.expiresAt && key.expiresAt.getTime() <= now ? ("expired" as const) : key.status;
      const budget = key.budgets.find((b) => b.kind === "spend");
      const period = budget?.period ?? "monthly";
      return { key, displayStatus, budget, period, window: periodWindow(period, timeZone, now) };
    })
    .filter(({ key, displayStatus }) => {
      if (filter.status && filter.status !== "all" && displayStatus !== filter.status) return false;
      if (filter.owner === "team" && !key.teamId) return false;
      if (filter.owner === "personal" && key.teamId) return false;
      return !q || key.name.toLowerCase().includes(q) || key.prefix.toLowerCase().includes(q);
    });
  const spend = await spendByKey(
    actor.orgId,
    shown.map(({ key, window }) => ({ keyId: key.id, window })),
  );
  return shown.map(({ key, displayStatus, budget, period, window }) => ({
    ...key,
    displayStatus,
    spend: { usd: spend.get(key.id) ?? 0, capUsd: budget ? Number(budget.limit.toString()) : null, period, window },
  }));
}
