import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listPendingRequests, listRecentDecisions } from "@/lib/key-requests/list";
import { matchesTriage, parseTriageFilter } from "@/lib/key-requests/triage-filter";
import { PageHeader } from "@/components/ui/page-header";
import { formatRelative } from "@/components/keys/format";
import { FIELD_LABELS } from "@/components/keys/guardrail-format";
import { RecentDecisions } from "@/components/requests/recent-decisions";
import { TriageFilters } from "@/components/requests/triage-filters";
import { TriageTable } from "@/components/requests/triage-table";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Requests · Latch" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RequestsPage({ searchParams }: Props) {
  const actor = await requireActor();
  if (!can(actor, "approvals.decide")) notFound();
  const filter = parseTriageFilter(await searchParams);
  const [pending, decided] = await Promise.all([listPendingRequests({ actor }), listRecentDecisions({ actor })]);
  const shown = pending.filter((r) => matchesTriage(r, filter));
  const now = Date.now();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Key requests" description="Asks beyond your organisation’s guardrails, oldest first. Open one to grant it, or deny several at once." />
      {pending.length === 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Nothing waiting</CardTitle>
            <CardDescription>New requests appear here as soon as a developer asks for more than the guardrails allow.</CardDescription>
          </CardHeader>
        </Card>
      ) : (
        <Card>
          <TriageFilters filter={filter} />
          {shown.length === 0 ? (
            <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">
              No request matches.{" "}
              <Link href="/requests" className="underline">
                Clear the filters
              </Link>
            </p>
          ) : (
            <TriageTable
              rows={shown.map((r) => ({
                id: r.id,
                name: r.name,
                requester: r.requester.name ? `${r.requester.name} (${r.requester.email})` : r.requester.email,
                kind: r.kind === "create" ? "new key" : `change to ${r.targetKey?.name ?? "a key"}`,
                over: r.exceeded.map((e) => FIELD_LABELS[e.field]),
                asked: formatRelative(r.createdAt, now),
                own: r.ownRequest,
              }))}
            />
          )}
        </Card>
      )}
      {decided.length > 0 && <RecentDecisions rows={decided} />}
    </div>
  );
}
