"use client";
import { formatCell, type ColumnFormat } from "@/components/admin/format";

type Entry = { name?: string | number; value?: unknown; color?: string };

/** Recharts tooltip content styled like the rest of the portal (light and dark). */
export function ChartTooltip({
  active,
  payload,
  label,
  format,
  labelFormat,
}: {
  active?: boolean;
  payload?: readonly Entry[];
  label?: string | number;
  format: ColumnFormat;
  labelFormat?: (l: string) => string;
}) {
  if (!active || !payload?.length) return null;
  const shown = payload.filter((p) => Number(p.value) !== 0);
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="mb-1 font-medium text-zinc-900 dark:text-zinc-100">{labelFormat ? labelFormat(String(label)) : label}</p>
      {(shown.length ? shown : payload).map((p) => (
        <p key={String(p.name)} className="flex items-center gap-2 text-zinc-700 dark:text-zinc-300">
          <span className="inline-block size-2 rounded-full" style={{ background: p.color }} aria-hidden />
          <span className="truncate">{p.name}</span>
          <span className="ml-auto tabular-nums">{formatCell(Number(p.value), format)}</span>
        </p>
      ))}
    </div>
  );
}
