// The series of a chart as HTML (wraps on a phone, reads in the text colour for contrast), each
// with its swatch and its total over the range.
import { compactTick } from "@/components/admin/chart-axis";
import type { ColumnFormat } from "@/components/admin/format";

export function ChartLegend({ items, format }: { items: { key: string; label: string; color: string; total?: number }[]; format: ColumnFormat }) {
  if (items.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1.5 px-2 text-xs text-zinc-700 dark:text-zinc-300" data-testid="chart-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.key} className="flex min-w-0 items-center gap-1.5">
          <span className="inline-block size-2.5 shrink-0 rounded-sm" style={{ background: item.color }} aria-hidden />
          <span className="max-w-48 truncate" title={item.label}>
            {item.label}
          </span>
          {item.total !== undefined && <span className="tabular-nums text-zinc-500 dark:text-zinc-400">{compactTick(item.total, format)}</span>}
        </li>
      ))}
    </ul>
  );
}
