"use client";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsd } from "@/components/keys/format";

export type UtilisationPoint = { label: string; ratio: number; used: number; limit: number; kind: "spend" | "tokens" };

/** Matches components/ui/progress.tsx: amber from 80% of the cap, red at the cap (where requests start being refused). */
export const toneOf = (ratio: number) => (ratio >= 1 ? "#dc2626" : ratio >= 0.8 ? "#d97706" : "#16a34a");

/** One bar per budget as a share of its cap, with the cap drawn as a line at 100%. */
export function UtilisationChart({ points, label }: { points: UtilisationPoint[]; label: string }) {
  const rows = points.map((p) => ({ ...p, pct: Math.round(p.ratio * 1000) / 10 }));
  const max = Math.max(120, ...rows.map((r) => Math.ceil(r.pct / 10) * 10));
  return (
    <div className="w-full text-zinc-600 dark:text-zinc-400" style={{ height: Math.max(160, rows.length * 32 + 48) }} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 20, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} horizontal={false} />
          <XAxis
            type="number"
            domain={[0, max]}
            tickFormatter={(v: number) => `${v}%`}
            tick={{ fill: "currentColor", fontSize: 11 }}
            stroke="currentColor"
            strokeOpacity={0.3}
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
          <Tooltip
            cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
            content={({ active, payload }) => {
              const p = active ? (payload?.[0]?.payload as (typeof rows)[number] | undefined) : undefined;
              if (!p) return null;
              const amount = (n: number) => (p.kind === "spend" ? formatUsd(n) : n.toLocaleString("en-US"));
              return (
                <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200">
                  <p className="font-medium">{p.label}</p>
                  <p>
                    {amount(p.used)} of {amount(p.limit)} ({p.pct}%)
                  </p>
                </div>
              );
            }}
          />
          <ReferenceLine x={100} stroke="#dc2626" strokeDasharray="4 2" label={{ value: "cap", position: "top", fill: "currentColor", fontSize: 11 }} />
          <Bar dataKey="pct" name="Used" maxBarSize={22} isAnimationActive={false}>
            {rows.map((r, i) => (
              <Cell key={i} fill={toneOf(r.ratio)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
