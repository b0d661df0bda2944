import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { listAuditEvents } from "@/lib/audit/list";
import { findMemberIdByEmail, resolveAuditNames } from "@/lib/audit/names";
import { PageHeader } from "@/components/ui/page-header";
import { AuditFilters, AuditTable, parseAuditFilter } from "@/components/admin/audit-log";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Audit log · Admin · Latch" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const actor = await requireAdminPage("audit.read");
  const params = await searchParams;
  const filter = parseAuditFilter(params);
  // "By" takes an email; an unknown one matches nothing rather than everything.
  if (filter.actorId?.includes("@")) filter.actorId = (await findMemberIdByEmail({ actor, email: filter.actorId })) ?? "nobody";
  const { events, nextCursor } = await listAuditEvents({ actor, filter });
  const names = await resolveAuditNames({ actor, events });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Audit log" description="Every change in the organisation, newest first. Append-only: it cannot be edited or deleted." />
      <Card>
        <AuditFilters values={params} />
        <AuditTable events={events} nextCursor={nextCursor} params={params} names={names} />
      </Card>
    </div>
  );
}
