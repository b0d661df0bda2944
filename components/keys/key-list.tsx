import Link from "next/link";
import type { KeyWithSpend } from "@/lib/keys/list-with-spend";
import { formatRelative, formatUsd } from "@/components/keys/format";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";

const STATUS: Record<string, BadgeVariant> = { active: "success", pending: "warning", expired: "default", revoked: "danger" };
const PERIOD_WORDS: Record<string, string> = { daily: "today", weekly: "this week", monthly: "this month", lifetime: "in total" };

export function SpendMeter({ spend, label }: { spend: Pick<KeyWithSpend["spend"], "usd" | "capUsd" | "period">; label: string }) {
  return (
    <div className="flex flex-col gap-1" data-testid="key-spend">
      <span className="text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-medium text-zinc-900 dark:text-zinc-100">{formatUsd(spend.usd)}</span>
        {spend.capUsd !== null ? ` of ${formatUsd(spend.capUsd)} ${PERIOD_WORDS[spend.period]}` : ` ${PERIOD_WORDS[spend.period]} · no cap`}
      </span>
      {spend.capUsd !== null && <Progress value={spend.usd} max={spend.capUsd} label={`Spend of ${label}`} />}
    </div>
  );
}

/** Stacks into cards on a phone, lines up as columns from `sm` up; no horizontal scrolling either way. */
export function KeyList({ keys, showOwner, now = Date.now() }: { keys: KeyWithSpend[]; showOwner: boolean; now?: number }) {
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {keys.map((key) => (
        <li key={key.id} data-testid="key-row" data-key-name={key.name}>
          <div className="grid gap-3 px-4 py-3 sm:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_minmax(0,1.3fr)_7rem] sm:items-center sm:px-5">
            <div className="flex min-w-0 flex-col gap-1">
              <div className="flex min-w-0 flex-wrap items-center gap-2">
                <Link href={`/keys/${key.id}`} className="truncate font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                  {key.name}
                </Link>
                <Badge className="capitalize" variant={STATUS[key.displayStatus] ?? "default"} data-testid="key-status">
                  {key.displayStatus}
                </Badge>
                {key.teamId && <Badge variant="outline">team</Badge>}
              </div>
              <span className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                <code className="font-mono">{key.prefix}…</code>
                {showOwner && key.owner ? ` · ${key.owner.email}` : ""}
              </span>
            </div>
            <div className="min-w-0 truncate font-mono text-xs text-zinc-700 dark:text-zinc-300" title={key.allowedModels.join(", ")}>
              <span className="font-sans text-zinc-500 sm:hidden dark:text-zinc-400">Models: </span>
              {key.allowedModels.length ? key.allowedModels.join(", ") : <span className="font-sans text-zinc-500 dark:text-zinc-400">all allowed</span>}
            </div>
            <SpendMeter spend={key.spend} label={key.name} />
            <div className="flex items-center justify-between gap-2 text-xs text-zinc-500 sm:flex-col sm:items-end dark:text-zinc-400">
              <span title={key.lastUsedAt?.toISOString()}>{key.lastUsedAt ? `Used ${formatRelative(key.lastUsedAt, now)}` : "Never used"}</span>
              <Link href={`/keys/${key.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100" aria-label={`Manage ${key.name}`}>
                Manage
              </Link>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
