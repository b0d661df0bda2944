"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { ScrollTable } from "@/components/admin/scroll-table";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCell, type Column, type Row } from "@/components/admin/format";

type Sort = { key: string; dir: "asc" | "desc" } | null;

const numeric = (c: Column) => c.format === "usd" || c.format === "int" || c.format === "pct";

function compare(a: Row[string], b: Row[string]): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), "en", { numeric: true });
}

/**
 * A table of rows; numbers right-aligned. Headers sort (click again to reverse); `searchable`
 * adds a filter over the text columns; long tables page. Used under every chart and on its own.
 */
export function DataTable({
  columns,
  rows,
  empty = "No data in this range.",
  caption,
  testId,
  searchable = false,
  pageSize = 100,
}: {
  columns: Column[];
  rows: Row[];
  empty?: string;
  caption?: string;
  testId?: string;
  searchable?: boolean;
  pageSize?: number;
}) {
  const [sort, setSort] = useState<Sort>(null);
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(0);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = q
      ? rows.filter((r) =>
          columns.some(
            (c) =>
              !numeric(c) &&
              String(r[c.key] ?? "")
                .toLowerCase()
                .includes(q),
          ),
        )
      : rows;
    if (!sort) return filtered;
    const sorted = [...filtered].sort((a, b) => compare(a[sort.key] ?? null, b[sort.key] ?? null));
    return sort.dir === "asc" ? sorted : sorted.reverse();
  }, [rows, columns, query, sort]);
  if (!rows.length) return <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  const pages = Math.max(1, Math.ceil(shown.length / pageSize));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * pageSize, (current + 1) * pageSize);
  const toggle = (key: string) => setSort((s) => (s?.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" }));
  return (
    <div className="flex flex-col">
      {searchable && (
        <div className="border-b border-zinc-100 px-4 py-2 dark:border-zinc-800">
          <Input
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setPage(0);
            }}
            placeholder="Search"
            aria-label={`Search ${caption ?? "table"}`}
            className="sm:max-w-64"
          />
        </div>
      )}
      <ScrollTable label={caption ?? "Data"} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHead
                key={c.key}
                scope="col"
                className={numeric(c) ? "text-right" : undefined}
                aria-sort={sort?.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
              >
                <button
                  type="button"
                  onClick={() => toggle(c.key)}
                  className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 dark:hover:text-zinc-100"
                >
                  {c.label}
                  <span aria-hidden className="text-[0.7em]">
                    {sort?.key === c.key ? (sort.dir === "asc" ? "▲" : "▼") : ""}
                  </span>
                </button>
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {visible.map((r, i) => (
            <TableRow key={i}>
              {columns.map((c) => (
                <TableCell key={c.key} data-column={c.key} className={numeric(c) ? "text-right tabular-nums" : "max-w-64 truncate"}>
                  {c.linkKey && r[c.linkKey] ? (
                    <Link href={String(r[c.linkKey])} className="underline-offset-2 hover:underline">
                      {formatCell(r[c.key] ?? null, c.format)}
                    </Link>
                  ) : (
                    formatCell(r[c.key] ?? null, c.format)
                  )}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      {shown.length === 0 && <p className="px-4 py-4 text-sm text-zinc-500 dark:text-zinc-400">Nothing matches “{query}”.</p>}
      {pages > 1 && (
        <div className="flex items-center justify-end gap-2 px-4 py-2 text-xs text-zinc-600 dark:text-zinc-400">
          <span>
            Page {current + 1} of {pages}
          </span>
          <Button size="sm" variant="outline" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </Button>
          <Button size="sm" variant="outline" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            Next
          </Button>
        </div>
      )}
    </div>
  );
}
