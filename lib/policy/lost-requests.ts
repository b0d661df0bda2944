// Requests whose instance died after forwarding them (SIGKILL, OOM, a lost host) were billed by
// the provider, but nothing settled them. Every instance sweeps the orgs' in-flight sets: an entry
// past its hold's deadline is leased to one sweep (atomically), written as an aborted, estimated
// usage event at the reservation, then settled at the reservation, which also removes it. A sweep
// that dies midway leaves the entry to the next one once its lease ends; the event is idempotent
// by request id and the settle by its marker, so nothing counts twice.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logError, logWarn } from "@/lib/log";
import { limitBackends } from "@/lib/policy/limit-state";
import { inflightSet, lostRequest } from "@/lib/policy/in-flight";
import { recordUsage, usageQueue } from "@/lib/usage/queue";
import type { Ledger } from "@/lib/policy/ledger/types";

const PER_CLAIM = 100;
const PARALLEL_ORGS = 16;
const ORG_LIST_MS = 5 * 60_000;

let orgs: { ids: string[]; at: number } | null = null;
async function orgIds(now: number): Promise<string[]> {
  if (!orgs || now - orgs.at > ORG_LIST_MS) orgs = { ids: (await db.organization.findMany({ select: { id: true } })).map((o) => o.id), at: now };
  return orgs.ids;
}

async function sweepOrg(ledger: Ledger, orgId: string, now: number): Promise<number> {
  const set = inflightSet(orgId);
  const claimed = await ledger.claimLost(set, now, env.LATCH_HOLD_TTL_MS, PER_CLAIM);
  if (claimed.length === 0) return 0;
  const lost = claimed.map((c) => lostRequest(set, c) ?? { event: null, settle: { holdId: c.holdId, items: [], concurrency: null, inflight: set } });
  for (const { event } of lost) if (event) recordUsage(event);
  // Written before the entries go: a sweep that dies here leaves them for the next one.
  await usageQueue.flush();
  await Promise.all(lost.map(({ settle }) => ledger.settle(settle)));
  logWarn("requests lost with their instance, recorded at their reservation", { orgId, requestIds: lost.map((l) => l.settle.holdId) });
  return lost.length;
}

/** One sweep over every org; returns how many lost requests it recorded. */
export async function sweepLostRequests(now = Date.now()): Promise<number> {
  const { primary, fallback } = limitBackends;
  const ledgers = primary.ledger === fallback.ledger ? [primary] : [primary, fallback];
  const ids = await orgIds(now);
  let recorded = 0;
  for (const backend of ledgers) {
    if (!backend.available()) continue;
    for (let i = 0; i < ids.length; i += PARALLEL_ORGS) {
      const counts = await Promise.all(ids.slice(i, i + PARALLEL_ORGS).map((id) => sweepOrg(backend.ledger, id, now)));
      recorded += counts.reduce((a, b) => a + b, 0);
    }
  }
  return recorded;
}

const holder = globalThis as unknown as { latchLostSweep?: NodeJS.Timeout };

/** Started by the server process: every instance sweeps, twice per hold TTL. */
export function startLostRequestSweep(): void {
  if (holder.latchLostSweep) return;
  let running = false;
  holder.latchLostSweep = setInterval(
    () => {
      if (running) return;
      running = true;
      sweepLostRequests()
        .catch((err: unknown) => logError("lost request sweep failed", err))
        .finally(() => (running = false));
    },
    Math.max(1_000, Math.floor(env.LATCH_HOLD_TTL_MS / 2)),
  );
  holder.latchLostSweep.unref();
}
