"use client";
// Stacked bars over time, one colour per series (team, model, provider or rejection reason), on a
// band scale: few buckets stay reasonably narrow, many hourly ones scroll sideways rather than
// shrink below MIN_BAND_PX, and the currency axis sizes itself to its compact labels.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTooltip } from "@/components/admin/chart-tooltip";
import { ChartLegend } from "@/components/admin/chart-legend";
import { axisLabel, axisTicks, bucketTitle, chartColor, compactTick, MIN_BAND_PX, type Granularity } from "@/components/admin/chart-axis";
import type { ColumnFormat } from "@/components/admin/format";
import type { StackedData } from "@/lib/usage/dashboard";

/** Below this many pixels of bars a phone could not show them all: the plot scrolls instead. */
const SCROLL_FROM_PX = 320;

export function StackedChart({ data, format, granularity, label }: { data: StackedData; format: ColumnFormat; granularity: Granularity; label: string }) {
  const buckets = data.rows.map((r) => r.bucket);
  const ticks = axisTicks(buckets, granularity);
  const minWidth = buckets.length * MIN_BAND_PX;
  const scrolls = minWidth > SCROLL_FROM_PX;
  // The biggest series first: at the bottom of each stack, first in the legend, first colour.
  const legend = data.series
    .map((s) => ({ key: s.key, label: s.label, total: data.rows.reduce((sum, r) => sum + Number(r[s.key] ?? 0), 0) }))
    .sort((a, b) => b.total - a.total)
    .map((s, i) => ({ ...s, color: chartColor(i) }));
  const plot = (
    <div className="h-72 w-full text-zinc-600 dark:text-zinc-400" style={scrolls ? { minWidth: minWidth + 72 } : undefined} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }} barCategoryGap="15%">
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis
            dataKey="bucket"
            ticks={ticks}
            interval="preserveStartEnd"
            tickFormatter={(v: string) => axisLabel(v, granularity, buckets.length)}
            tick={{ fill: "currentColor", fontSize: 11 }}
            stroke="currentColor"
            strokeOpacity={0.3}
            tickLine={false}
            minTickGap={20}
          />
          <YAxis
            tickFormatter={(v: number) => compactTick(v, format)}
            tick={{ fill: "currentColor", fontSize: 11 }}
            stroke="currentColor"
            strokeOpacity={0.3}
            axisLine={false}
            tickLine={false}
            allowDecimals={format !== "int"}
            width="auto"
          />
          <Tooltip
            cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
            content={(p) => <ChartTooltip {...p} format={format} labelFormat={(l) => bucketTitle(l, granularity)} showTotal={data.series.length > 1} />}
          />
          {legend.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="a" fill={s.color} maxBarSize={48} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
  return (
    <div className="flex flex-col gap-3">
      <ChartLegend items={legend} format={format} />
      {/* A scrolling region is focusable so a keyboard can scroll it. */}
      {scrolls ? (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`${label} (scrolls sideways)`}>
          {plot}
        </div>
      ) : (
        plot
      )}
    </div>
  );
}
