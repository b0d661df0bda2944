// Periodic billing work in the portal process: grace periods that ran out are written down (and
// audited), and metered usage is reported. Both are idempotent, so every instance may run them.
import { logError } from "@/lib/log";
import { expireGracePeriods } from "@/lib/billing/apply";
import { reportMeteredUsage } from "@/lib/billing/stripe-meter";
import { billingEnabled } from "@/lib/billing/plans";

const INTERVAL_MS = 5 * 60_000;
let timer: NodeJS.Timeout | null = null;

export function startBillingJobs(): void {
  if (!billingEnabled() || timer) return;
  const run = async () => {
    await expireGracePeriods().catch((err) => logError("billing job: grace expiry failed", err));
    await reportMeteredUsage().catch((err) => logError("billing job: metered usage failed", err));
  };
  timer = setInterval(() => void run(), INTERVAL_MS);
  // Never the reason the process stays up at shutdown.
  timer.unref();
  void run();
}
