import { acknowledgeAlertAction } from "@/app/(portal)/alerts-actions";
import { Button } from "@/components/ui/button";
import { scopeLabel } from "@/components/admin/labels";

export type BannerAlert = { id: string; scope: string; threshold: number; used: number; limit: number };

const amount = (n: number) => (n >= 1000 ? Math.round(n).toLocaleString("en") : n.toFixed(2));

/** Budget thresholds crossed this period, for the key owner and admins, until dismissed. */
export function BudgetAlerts({ alerts }: { alerts: BannerAlert[] }) {
  if (alerts.length === 0) return null;
  return (
    <section aria-label="Budget alerts" className="border-b border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950">
      <ul className="mx-auto max-w-6xl space-y-1 px-4 py-2 text-sm text-amber-900 dark:text-amber-100">
        {alerts.slice(0, 3).map((a) => (
          <li key={a.id} className="flex items-center justify-between gap-3" data-testid="budget-alert">
            <span>
              {a.scope === "org" ? "The organisation’s" : `A ${scopeLabel(a.scope).toLowerCase()}`} budget reached {a.threshold}% ({amount(a.used)} of{" "}
              {amount(a.limit)}).
            </span>
            <form action={acknowledgeAlertAction.bind(null, a.id)}>
              <Button type="submit" variant="ghost" size="sm">
                Dismiss
              </Button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
