import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { parseDashboardParams } from "@/lib/usage/dashboard-range";
import { refusedKeyUse } from "@/lib/usage/refused-keys";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/admin/data-table";
import { RangePicker } from "@/components/admin/range-picker";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Security · Admin · Latch" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SecurityPage({ searchParams }: Props) {
  const actor = await requireAdminPage("usage.read.all");
  const { range } = parseDashboardParams(await searchParams);
  const { keys, series } = await refusedKeyUse({ actor, range });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Security"
        description="Keys still used after they were revoked, expired, suspended or rotated out: every such call is refused and counted here."
      />
      <RangePicker range={range} showStack={false} />
      <Card>
        <CardHeader>
          <CardTitle>Refused keys still in use</CardTitle>
          <CardDescription>Newest first, with the last address and client seen.</CardDescription>
        </CardHeader>
        <DataTable
          testId="refused-keys"
          caption="Refused keys"
          empty="No refused key was used in this range."
          rows={keys.map((k) => ({
            ...k,
            lastSeen: k.lastSeen.toISOString(),
            ips: k.ips.join(", "),
            models: k.models.join(", "),
            href: `/admin/usage/keys/${k.keyId}`,
          }))}
          columns={[
            { key: "label", label: "Key", linkKey: "href" },
            { key: "code", label: "Refused as" },
            { key: "requests", label: "Calls", format: "int" },
            { key: "lastSeen", label: "Last seen (UTC)", format: "datetime" },
            { key: "lastIp", label: "Last IP" },
            { key: "lastUserAgent", label: "Last user agent" },
            { key: "ips", label: "Addresses" },
            { key: "models", label: "Models asked for" },
          ]}
        />
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Over time</CardTitle>
          <CardDescription>Refused calls per day and reason.</CardDescription>
        </CardHeader>
        <DataTable
          testId="refused-over-time"
          caption="Refused calls per day"
          rows={series.map((s) => ({ ...s, bucket: s.bucket.toISOString() }))}
          columns={[
            { key: "bucket", label: "Day (UTC)", format: "date" },
            { key: "code", label: "Reason" },
            { key: "requests", label: "Calls", format: "int" },
          ]}
        />
      </Card>
    </div>
  );
}
