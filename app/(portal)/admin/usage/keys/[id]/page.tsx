import type { Metadata } from "next";
import { orNotFound, requireAdminPage } from "@/lib/orgs/admin-page";
import { keyUsageDetail } from "@/lib/usage/detail";
import { parseDashboardParams } from "@/lib/usage/dashboard-range";
import { hourlyForOneDay } from "@/components/admin/chart-axis";
import { PageHeader } from "@/components/ui/page-header";
import { RangePicker } from "@/components/admin/range-picker";
import { UsageDetail } from "@/components/admin/usage-detail";

export const metadata: Metadata = { title: "Key usage · Admin · Latch" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function KeyUsagePage({ params, searchParams }: Props) {
  const actor = await requireAdminPage("usage.read.all");
  const range = hourlyForOneDay(parseDashboardParams(await searchParams).range);
  const { key, ...data } = await orNotFound(keyUsageDetail({ actor, keyId: (await params).id, range }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={[{ label: "Dashboards", href: "/admin" }, { label: "Keys" }, { label: key.name }]}
        title={`Key “${key.name}”`}
        description={`${key.prefix}… · ${key.status.charAt(0).toUpperCase()}${key.status.slice(1)} · owner ${key.owner?.email ?? "none"}`}
      />
      <RangePicker range={range} showStack={false} />
      <UsageDetail data={data} granularity={range.granularity} />
    </div>
  );
}
