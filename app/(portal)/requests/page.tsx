import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listPendingRequests, listRecentDecisions } from "@/lib/key-requests/list";
import { RecentDecisions } from "@/components/requests/recent-decisions";
import { RequestCard } from "@/components/requests/request-card";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Requests · Latch" };
export const dynamic = "force-dynamic";

export default async function RequestsPage() {
  const actor = await requireActor();
  if (!can(actor, "approvals.decide")) notFound();
  const [pending, decided] = await Promise.all([listPendingRequests({ actor }), listRecentDecisions({ actor })]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Key requests</h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Asks beyond your organisation’s guardrails, oldest first.</p>
      </div>
      {pending.length === 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Nothing waiting</CardTitle>
            <CardDescription>New requests appear here as soon as a developer asks for more than the guardrails allow.</CardDescription>
          </CardHeader>
        </Card>
      ) : (
        pending.map((r) => <RequestCard key={r.id} request={r} />)
      )}
      {decided.length > 0 && <RecentDecisions rows={decided} />}
    </div>
  );
}
