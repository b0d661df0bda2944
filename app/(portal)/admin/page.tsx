import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { parseDashboardParams } from "@/lib/usage/dashboard-range";
import { hourlyForOneDay } from "@/components/admin/chart-axis";
import { usageTokenClasses, usageTotals } from "@/lib/usage/attribution";
import { degradedOverTime, rejectionsOverTime, spendOverTime, topSpenders } from "@/lib/usage/dashboard";
import { listBudgetUtilisation } from "@/lib/budgets/utilisation";
import { can } from "@/lib/auth/permissions";
import { getOnboarding } from "@/lib/orgs/onboarding";
import { OnboardingChecklist } from "@/components/admin/onboarding-checklist";
import { listDimensions } from "@/lib/attribution/list";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { RangePicker } from "@/components/admin/range-picker";
import { Totals } from "@/components/admin/totals";
import { TokenClasses } from "@/components/admin/token-classes";
import { DegradedCard } from "@/components/admin/degraded-card";
import { RejectionsCard, SpendOverTimeCard, TopSpendersCard, UtilisationCard } from "@/components/admin/usage-charts";
import { McpToolCallsCard, McpToolTotals, McpToolsCard } from "@/components/admin/mcp-tool-usage";
import { toolCallsOverTime, toolUsage } from "@/lib/mcp/calls/usage";

export const metadata: Metadata = { title: "Dashboards · Admin · Latch" };
export const dynamic = "force-dynamic";

const exportQuery = (r: { preset: string; from: Date; to: Date }) =>
  new URLSearchParams({ range: r.preset, from: r.from.toISOString().slice(0, 10), to: new Date(r.to.getTime() - 1).toISOString().slice(0, 10) }).toString();

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardsPage({ searchParams }: Props) {
  const actor = await requireAdminPage("usage.read.all");
  const parsed = parseDashboardParams(await searchParams);
  const { stack, error } = parsed;
  const range = hourlyForOneDay(parsed.range);
  if (error) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title="Attribution" description="Who spends what, on which model, and who hits limits. From hourly rollups; times in UTC." />
        <RangePicker range={range} stack={stack} error={error} />
      </div>
    );
  }
  const utilisation = listBudgetUtilisation({ actor });
  const [onboarding, totals, spend, keys, users, teams, budgets, rejections, degraded, classes, dimensions, tools, toolCalls] = await Promise.all([
    can(actor, "org.write") ? getOnboarding({ actor }) : [],
    usageTotals({ actor, range }),
    spendOverTime({ actor, range, stack }),
    topSpenders({ actor, range, by: "key", budgets: utilisation }),
    topSpenders({ actor, range, by: "user", budgets: utilisation }),
    topSpenders({ actor, range, by: "team", budgets: utilisation }),
    utilisation,
    rejectionsOverTime({ actor, range }),
    degradedOverTime({ actor, range }),
    usageTokenClasses({ actor, range }),
    listDimensions({ actor }),
    toolUsage({ actor, range, limit: 20 }),
    toolCallsOverTime({ actor, range }),
  ]);
  const stackLabel = stack.startsWith("dimension:")
    ? (dimensions.find((d) => `dimension:${d.name}` === stack)?.label ?? stack.slice(10))
    : { team: "Team", model: "Model", provider: "Provider", kind: "Key kind" }[stack as "team"];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Attribution" description="Who spends what, on which model, and who hits limits. From hourly rollups; times in UTC.">
        {/* A plain link: the browser downloads the streamed file without loading it into the page. */}
        <a href={`/admin/usage/export?${exportQuery(range)}`} className={buttonClasses({ variant: "outline", size: "sm" })} download>
          Raw events (CSV)
        </a>
        <a href={`/admin/usage/export?${exportQuery(range)}&format=json`} className={buttonClasses({ variant: "outline", size: "sm" })} download>
          JSON
        </a>
        <a href="/admin/usage/chargeback" className={buttonClasses({ variant: "outline", size: "sm" })}>
          Chargeback
        </a>
      </PageHeader>
      <OnboardingChecklist steps={onboarding} />
      <RangePicker range={range} stack={stack} dimensions={dimensions} />
      <Totals totals={totals} />
      <SpendOverTimeCard data={spend} granularity={range.granularity} stackLabel={stackLabel} />
      <div className="grid gap-6 xl:grid-cols-3">
        <TopSpendersCard by="team" rows={teams} />
        <TopSpendersCard by="user" rows={users} />
        <TopSpendersCard by="key" rows={keys} />
      </div>
      <UtilisationCard rows={budgets} />
      <RejectionsCard data={rejections} granularity={range.granularity} />
      {degraded.series.length > 0 && <DegradedCard data={degraded} granularity={range.granularity} />}
      <TokenClasses classes={classes} />
      {tools.totals.calls > 0 && (
        <section className="flex flex-col gap-4" aria-labelledby="tools-heading">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="tools-heading" className="text-lg font-semibold">
              Tools
            </h2>
            <a href={`/admin/mcp/export?${exportQuery(range)}`} className={buttonClasses({ variant: "outline", size: "sm" })} download>
              Tool calls (CSV)
            </a>
          </div>
          <McpToolTotals totals={tools.totals} />
          <McpToolCallsCard data={toolCalls} granularity={range.granularity} />
          <McpToolsCard rows={tools.byTool} />
        </section>
      )}
    </div>
  );
}
