"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTooltip } from "@/components/admin/chart-tooltip";
import { chartColor, compactTick } from "@/components/admin/chart-axis";
import type { ColumnFormat } from "@/components/admin/format";

/** Horizontal bars for a ranked list (top spenders, models used), on a compact currency axis. */
export function BarListChart({
  rows,
  valueKey,
  format,
  label,
  valueName,
}: {
  rows: { label: string; [k: string]: unknown }[];
  valueKey: string;
  format: ColumnFormat;
  label: string;
  valueName: string;
}) {
  return (
    <div className="w-full text-zinc-600 dark:text-zinc-400" style={{ height: Math.max(140, rows.length * 30 + 40) }} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} horizontal={false} />
          <XAxis
            type="number"
            tickFormatter={(v: number) => compactTick(v, format)}
            tick={{ fill: "currentColor", fontSize: 11 }}
            stroke="currentColor"
            strokeOpacity={0.3}
            allowDecimals={format !== "int"}
            minTickGap={8}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={130}
            tick={{ fill: "currentColor", fontSize: 11 }}
            stroke="currentColor"
            strokeOpacity={0.3}
            tickFormatter={(v: string) => (v.length > 16 ? `${v.slice(0, 15)}…` : v)}
          />
          <Tooltip cursor={{ fill: "currentColor", fillOpacity: 0.06 }} content={(p) => <ChartTooltip {...p} format={format} />} />
          <Bar dataKey={valueKey} name={valueName} fill={chartColor(0)} maxBarSize={22} radius={[0, 3, 3, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
