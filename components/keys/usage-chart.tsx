// A key's daily spend as bars (CSS only, so it renders on the server and follows dark mode): a
// compact currency scale on the left, a day axis under the bars, a hover label per day and an
// empty state that says what would fill it.
import type { DailyUsage } from "@/lib/usage/queries-for-keys";
import { formatCount, formatUsd } from "@/components/keys/format";
import { compactTick } from "@/components/admin/chart-axis";

const DAY = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const dayLabel = (day: string) => DAY.format(new Date(`${day}T00:00:00Z`));

/** A round top for the scale (1, 2 or 5 times a power of ten) so its label reads cleanly. */
function niceMax(max: number): number {
  if (max <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * power >= max) ?? 10) * power;
}

export function UsageChart({ days }: { days: DailyUsage[] }) {
  const total = days.reduce((sum, d) => ({ usd: sum.usd + d.spendUsd, requests: sum.requests + d.requests }), { usd: 0, requests: 0 });
  const top = niceMax(Math.max(...days.map((d) => d.spendUsd), 0));
  const ticks = [0, Math.floor(days.length / 2), days.length - 1].filter((i, n, all) => days[i] && all.indexOf(i) === n);
  return (
    <figure className="flex flex-col gap-2" data-testid="usage-chart">
      <figcaption className="flex flex-wrap justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-medium text-zinc-900 dark:text-zinc-100">Spend per day, last {days.length} days</span>
        <span className="tabular-nums">
          {formatUsd(total.usd)} · {formatCount(total.requests)} {total.requests === 1 ? "request" : "requests"}
        </span>
      </figcaption>
      {total.requests === 0 ? (
        <div
          className="flex h-36 flex-col items-center justify-center gap-1 rounded-md border border-dashed border-zinc-200 px-4 text-center dark:border-zinc-800"
          data-testid="usage-chart-empty"
        >
          <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">No usage in this range</p>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">Requests made with this key show up here within a minute.</p>
        </div>
      ) : (
        <div className="flex gap-2">
          <div className="flex h-28 flex-col justify-between text-right text-[10px] tabular-nums text-zinc-600 dark:text-zinc-400" aria-hidden>
            <span>{compactTick(top, "usd")}</span>
            <span>{compactTick(top / 2, "usd")}</span>
            <span>$0</span>
          </div>
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <div
              className="relative flex h-28 items-end gap-px border-b border-zinc-300 bg-[linear-gradient(to_bottom,transparent_calc(50%-0.5px),rgb(161_161_170/0.25)_50%,transparent_calc(50%+0.5px))] sm:gap-0.5 dark:border-zinc-700"
              role="img"
              aria-label={`Spend per day over the last ${days.length} days, ${formatUsd(total.usd)} in total`}
            >
              {days.map((d) => (
                <div key={d.day} className="group relative flex h-full min-w-0 flex-1 items-end">
                  <div
                    className="w-full rounded-t-sm bg-[var(--chart-1)] group-hover:opacity-80"
                    style={{ height: top > 0 ? `${Math.max((d.spendUsd / top) * 100, d.requests > 0 ? 3 : 0)}%` : "0%" }}
                  />
                  <span className="pointer-events-none absolute bottom-full left-1/2 z-10 mb-1 hidden -translate-x-1/2 whitespace-nowrap rounded border border-zinc-200 bg-white px-2 py-1 text-[11px] text-zinc-800 shadow-sm group-hover:block dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200">
                    {dayLabel(d.day)}: {formatUsd(d.spendUsd)} · {formatCount(d.requests)} req.
                  </span>
                </div>
              ))}
            </div>
            <div className="relative h-3 text-[10px] text-zinc-600 dark:text-zinc-400" aria-hidden>
              {ticks.map((i) => (
                <span
                  key={i}
                  className="absolute whitespace-nowrap"
                  style={
                    i === 0
                      ? { left: 0 }
                      : i === days.length - 1
                        ? { right: 0 }
                        : { left: `${((i + 0.5) / days.length) * 100}%`, transform: "translateX(-50%)" }
                  }
                >
                  {dayLabel(days[i]!.day)}
                </span>
              ))}
            </div>
          </div>
        </div>
      )}
    </figure>
  );
}
