"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTooltip } from "@/components/admin/chart-tooltip";
import { bucketTick, formatCell, PALETTE, type ColumnFormat } from "@/components/admin/format";
import type { StackedData } from "@/lib/usage/dashboard";

/** Stacked bars over time, one colour per series (team, model, provider or rejection reason). */
export function StackedChart({ data, format, granularity, label }: { data: StackedData; format: ColumnFormat; granularity: "day" | "hour"; label: string }) {
  return (
    <div className="h-72 w-full text-zinc-600 dark:text-zinc-400" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis
            dataKey="bucket"
            tickFormatter={(v: string) => bucketTick(v, granularity)}
            tick={{ fill: "currentColor", fontSize: 11 }}
            stroke="currentColor"
            strokeOpacity={0.3}
            minTickGap={16}
          />
          <YAxis
            tickFormatter={(v: number) => formatCell(v, format)}
            tick={{ fill: "currentColor", fontSize: 11 }}
            stroke="currentColor"
            strokeOpacity={0.3}
            width={64}
          />
          <Tooltip
            cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
            content={(p) => <ChartTooltip {...p} format={format} labelFormat={(l) => bucketTick(l, granularity)} />}
          />
          {/* Series colours are too light for text: legend labels stay in the text colour (contrast). */}
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value: string) => <span className="text-zinc-700 dark:text-zinc-300">{value}</span>} />
          {data.series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="a" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
