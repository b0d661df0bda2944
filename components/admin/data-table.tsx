import Link from "next/link";
import { ScrollTable } from "@/components/admin/scroll-table";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCell, type Column, type Row } from "@/components/admin/format";

/** A plain table of rows; numbers right-aligned. Used under every chart and on its own. */
export function DataTable({ columns, rows, empty = "No data in this range.", caption, testId }: { columns: Column[]; rows: Row[]; empty?: string; caption?: string; testId?: string }) {
  if (!rows.length) return <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  const numeric = (c: Column) => c.format === "usd" || c.format === "int" || c.format === "pct";
  return (
    <ScrollTable label={caption ?? "Data"} data-testid={testId}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <TableHeader>
        <TableRow>
          {columns.map((c) => (
            <TableHead key={c.key} scope="col" className={numeric(c) ? "text-right" : undefined}>{c.label}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r, i) => (
          <TableRow key={i}>
            {columns.map((c) => (
              <TableCell key={c.key} data-column={c.key} className={numeric(c) ? "text-right tabular-nums" : "max-w-64 truncate"}>
                {c.linkKey && r[c.linkKey] ? (
                  <Link href={String(r[c.linkKey])} className="underline-offset-2 hover:underline">{formatCell(r[c.key] ?? null, c.format)}</Link>
                ) : (
                  formatCell(r[c.key] ?? null, c.format)
                )}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}
