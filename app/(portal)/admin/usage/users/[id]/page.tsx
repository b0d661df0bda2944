import type { Metadata } from "next";
import { orNotFound, requireAdminPage } from "@/lib/orgs/admin-page";
import { userUsageDetail } from "@/lib/usage/detail";
import { parseDashboardParams } from "@/lib/usage/dashboard-range";
import { hourlyForOneDay } from "@/components/admin/chart-axis";
import { PageHeader } from "@/components/ui/page-header";
import { RangePicker } from "@/components/admin/range-picker";
import { UsageDetail } from "@/components/admin/usage-detail";
import { roleLabel } from "@/components/admin/labels";

export const metadata: Metadata = { title: "Person usage · Admin · Latch" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UserUsagePage({ params, searchParams }: Props) {
  const actor = await requireAdminPage("usage.read.all");
  const range = hourlyForOneDay(parseDashboardParams(await searchParams).range);
  const { member, ...data } = await orNotFound(userUsageDetail({ actor, userId: (await params).id, range }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={[{ label: "Dashboards", href: "/admin" }, { label: "People" }, { label: member.user.email }]}
        title={member.user.email}
        description={`${member.user.name ?? "No name"} · ${roleLabel(member.role)} · usage across all their keys`}
      />
      <RangePicker range={range} showStack={false} />
      <UsageDetail data={data} granularity={range.granularity} />
    </div>
  );
}
