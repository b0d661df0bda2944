import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listPendingRequests } from "@/lib/key-requests/list";
import { RequestCard } from "@/components/requests/request-card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Request · Latch" };
export const dynamic = "force-dynamic";

/** One waiting request with the grant and deny forms; a decided (or another org's) request is a 404. */
export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "approvals.decide")) notFound();
  const { id } = await params;
  const request = (await listPendingRequests({ actor })).find((r) => r.id === id);
  if (!request) notFound();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={[{ label: "Requests", href: "/requests" }, { label: request.name }]}
        title="Review request"
        description="Grant it as asked or with lower values, or deny it with a reason the requester will read."
      />
      <RequestCard request={request} />
    </div>
  );
}
