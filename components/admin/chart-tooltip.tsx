"use client";
// Recharts tooltip content styled like the rest of the portal (light and dark), values at full
// precision (cents), with the stack's total when there is more than one series.
import { tooltipValue } from "@/components/admin/chart-axis";
import type { ColumnFormat } from "@/components/admin/format";

type Entry = { name?: string | number; value?: unknown; color?: string };

export function ChartTooltip({
  active,
  payload,
  label,
  format,
  labelFormat,
  showTotal = false,
}: {
  active?: boolean;
  payload?: readonly Entry[];
  label?: string | number;
  format: ColumnFormat;
  labelFormat?: (l: string) => string;
  showTotal?: boolean;
}) {
  if (!active || !payload?.length) return null;
  const shown = payload.filter((p) => Number(p.value) !== 0);
  const total = payload.reduce((sum, p) => sum + Number(p.value ?? 0), 0);
  return (
    <div
      className="min-w-40 max-w-72 rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900"
      data-testid="chart-tooltip"
    >
      <p className="mb-1 font-medium text-zinc-900 dark:text-zinc-100">{labelFormat ? labelFormat(String(label)) : label}</p>
      {(shown.length ? shown : payload).map((p) => (
        <p key={String(p.name)} className="flex items-center gap-2 text-zinc-700 dark:text-zinc-300">
          <span className="inline-block size-2 shrink-0 rounded-full" style={{ background: p.color }} aria-hidden />
          <span className="truncate">{p.name}</span>
          <span className="ml-auto pl-2 tabular-nums">{tooltipValue(Number(p.value), format)}</span>
        </p>
      ))}
      {showTotal && shown.length > 1 && (
        <p className="mt-1 flex border-t border-zinc-200 pt-1 font-medium text-zinc-900 dark:border-zinc-700 dark:text-zinc-100">
          <span>Total</span>
          <span className="ml-auto pl-2 tabular-nums">{tooltipValue(total, format)}</span>
        </p>
      )}
    </div>
  );
}
