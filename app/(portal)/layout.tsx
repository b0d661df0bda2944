import Link from "next/link";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { countWaitingRequests } from "@/lib/key-requests/list";
import { listOpenAlerts } from "@/lib/alerts/settings";
import { isDatabaseUnavailable, orUnavailable } from "@/lib/db/unavailable";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { BudgetAlerts } from "@/components/layout/budget-alerts";
import { signOutAction } from "@/app/(auth)/actions";
import { NavLink } from "@/components/layout/nav-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

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
  const { viewer: { user, org, actor }, approver, waiting, alerts } = data;
  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5">
          <Link href="/keys" className="flex min-w-0 items-baseline gap-2">
            <span className="font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">Latch</span>
            <span className="truncate text-sm text-zinc-500 dark:text-zinc-400" data-testid="org-name">{org.name}</span>
          </Link>
          <nav className="order-last flex w-full items-center gap-1 sm:order-none sm:w-auto" aria-label="Main">
            <NavLink href="/keys">Keys</NavLink>
            {approver && (
              <NavLink href="/requests">
                Requests
                {waiting > 0 && (
                  <span data-testid="waiting-count" className="ml-1.5 rounded-full bg-amber-500 px-1.5 text-xs text-white">{waiting}</span>
                )}
              </NavLink>
            )}
            {can(actor, "org.write") && <NavLink href="/admin">Admin</NavLink>}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden text-right text-sm md:block">
              <span className="block leading-tight text-zinc-900 dark:text-zinc-100">{user.name ?? user.email}</span>
              <span className="block text-xs leading-tight text-zinc-500 dark:text-zinc-400">{user.email}</span>
            </span>
            <Badge variant="outline" data-testid="user-role">{actor.role}</Badge>
            <form action={signOutAction}>
              <Button type="submit" variant="ghost" size="sm">Sign out</Button>
            </form>
          </div>
        </div>
      </header>
      <BudgetAlerts alerts={alerts.map((a) => ({ id: a.id, scope: a.scope, threshold: a.threshold, used: Number(a.used), limit: Number(a.limit) }))} />
      <main className="mx-auto max-w-6xl px-3 py-6 sm:px-4 sm:py-8">{children}</main>
    </div>
  );
}

async function loadPortalChrome() {
  const viewer = await requireViewer();
  const approver = can(viewer.actor, "approvals.decide");
  const [waiting, alerts] = await orUnavailable(() =>
    Promise.all([approver ? countWaitingRequests({ actor: viewer.actor }) : 0, listOpenAlerts({ actor: viewer.actor })]),
  );
  return { viewer, approver, waiting, alerts };
}
