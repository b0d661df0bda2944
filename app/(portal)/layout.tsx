import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { billingEnabled } from "@/lib/billing/plans";
import { countWaitingRequests } from "@/lib/key-requests/list";
import { listOpenAlerts } from "@/lib/alerts/settings";
import { isDatabaseUnavailable, orUnavailable } from "@/lib/db/unavailable";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { BudgetAlerts } from "@/components/layout/budget-alerts";
import { AppShell } from "@/components/layout/app-shell";
import { navSections } from "@/components/layout/nav-items";
import { ToastProvider } from "@/components/ui/toast";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  let data;
  try {
    data = await loadPortalChrome();
  } catch (err) {
    // Postgres unreachable: the outage page (503) instead of this layout and the page inside it.
    if (isDatabaseUnavailable(err)) return <DatabaseUnavailable />;
    throw err;
  }
  const {
    viewer: { user, org, actor },
    waiting,
    alerts,
  } = data;
  return (
    <ToastProvider>
      <AppShell
        org={org.name}
        person={{ name: user.name, email: user.email, role: actor.role }}
        sections={navSections(actor, { billing: billingEnabled(), waiting })}
        banner={
          <BudgetAlerts alerts={alerts.map((a) => ({ id: a.id, scope: a.scope, threshold: a.threshold, used: Number(a.used), limit: Number(a.limit) }))} />
        }
      >
        {children}
      </AppShell>
    </ToastProvider>
  );
}

async function loadPortalChrome() {
  const viewer = await requireViewer();
  const approver = can(viewer.actor, "approvals.decide");
  const [waiting, alerts] = await orUnavailable(() =>
    Promise.all([approver ? countWaitingRequests({ actor: viewer.actor }) : 0, listOpenAlerts({ actor: viewer.actor })]),
  );
  return { viewer, waiting, alerts };
}
