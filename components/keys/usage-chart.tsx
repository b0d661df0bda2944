import type { DailyUsage } from "@/lib/usage/queries-for-keys";
import { formatCount, formatUsd } from "@/components/keys/format";

/** Daily spend as bars (CSS only, so it renders on the server and follows dark mode). */
export function UsageChart({ days }: { days: DailyUsage[] }) {
  const max = Math.max(...days.map((d) => d.spendUsd), 0);
  const total = days.reduce((sum, d) => ({ usd: sum.usd + d.spendUsd, requests: sum.requests + d.requests }), { usd: 0, requests: 0 });
  return (
    <figure className="flex flex-col gap-2" data-testid="usage-chart">
      <figcaption className="flex flex-wrap justify-between gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        <span>Last {days.length} days</span>
        <span>
          {formatUsd(total.usd)} · {formatCount(total.requests)} {total.requests === 1 ? "request" : "requests"}
        </span>
      </figcaption>
      <div
        className="flex h-28 items-end gap-px rounded-md border border-zinc-100 p-2 sm:gap-0.5 dark:border-zinc-800"
        role="img"
        aria-label={`Spend per day over the last ${days.length} days, ${formatUsd(total.usd)} in total`}
      >
        {days.map((d) => (
          <div
            key={d.day}
            title={`${d.day}: ${formatUsd(d.spendUsd)}, ${formatCount(d.requests)} requests`}
            className="min-w-0 flex-1 rounded-t-sm bg-zinc-800 dark:bg-zinc-300"
            style={{ height: max > 0 ? `${Math.max((d.spendUsd / max) * 100, d.requests > 0 ? 3 : 0)}%` : "0%" }}
          />
        ))}
      </div>
      <div className="flex justify-between text-[10px] text-zinc-600 dark:text-zinc-400">
        <span>{days[0]?.day}</span>
        <span>{days.at(-1)?.day}</span>
      </div>
    </figure>
  );
}
