import type { getKeyWithUsage } from "@/lib/keys/get";
import type { DailyUsage } from "@/lib/usage/queries-for-keys";
import { valuesFromKey } from "@/lib/guardrails/key-values";
import { formatDate, formatRelative } from "@/components/keys/format";
import { summarizeValues } from "@/components/keys/guardrail-format";
import { SpendMeter } from "@/components/keys/key-list";
import { UsageChart } from "@/components/keys/usage-chart";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

type KeyRow = Awaited<ReturnType<typeof getKeyWithUsage>>["key"];
const STATUS: Record<string, BadgeVariant> = { active: "success", pending: "warning", expired: "default", revoked: "danger" };

/** The key's identity, limits and usage over time: everything on its page that is read-only. */
export function KeyOverview({ keyRow: key, spendUsd, history, now = Date.now() }: { keyRow: KeyRow; spendUsd: number; history: DailyUsage[]; now?: number }) {
  const status = key.status === "active" && key.expiresAt && key.expiresAt.getTime() <= now ? "expired" : key.status;
  const spend = key.budgets.find((b) => b.kind === "spend");
  const facts = [
    { label: "Prefix", value: <code className="font-mono">{key.prefix}…</code> },
    { label: "Owner", value: key.owner?.email ?? "—" },
    { label: "Created", value: formatDate(key.createdAt) },
    { label: "Expires", value: key.expiresAt ? formatDate(key.expiresAt) : "never" },
    { label: "Last used", value: key.lastUsedAt ? formatRelative(key.lastUsedAt, now) : "never" },
  ];
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold tracking-tight" data-testid="key-title">
          {key.name}
        </h2>
        <Badge className="capitalize" variant={STATUS[status] ?? "default"} data-testid="key-status">
          {status}
        </Badge>
        {key.teamId && <Badge variant="outline">team key</Badge>}
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-2">
        <div className="flex flex-col gap-4">
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
            {[...facts, ...summarizeValues(valuesFromKey(key, now)).filter((s) => s.label !== "Expires")].map((f) => (
              <div key={f.label} className="contents">
                <dt className="text-zinc-500 dark:text-zinc-400">{f.label}</dt>
                <dd className="min-w-0 break-words text-zinc-900 dark:text-zinc-100">{f.value}</dd>
              </div>
            ))}
          </dl>
          <SpendMeter spend={{ usd: spendUsd, capUsd: spend ? Number(spend.limit.toString()) : null, period: spend?.period ?? "monthly" }} label={key.name} />
        </div>
        <UsageChart days={history} />
      </CardContent>
    </Card>
  );
}
