"use client";
import { useState } from "react";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/admin/data-table";
import { toCsv, type Column, type Row } from "@/components/admin/format";

type Props = {
  id: string;
  title: string;
  description?: string;
  columns: Column[];
  rows: Row[];
  children: React.ReactNode;
  /** What an empty range means here, and what would fill it. */
  empty?: { title: string; hint: string };
};

const NO_USAGE = {
  title: "No usage in this range",
  hint: "Requests through any key show up here within a minute. Try a longer range, or send a first request.",
};

/** A chart with its numbers: a Chart/Table switch and a CSV download of exactly the rows shown. */
export function ChartCard({ id, title, description, columns, rows, children, empty = NO_USAGE }: Props) {
  const [view, setView] = useState<"chart" | "table">("chart");
  function download() {
    const url = URL.createObjectURL(new Blob([toCsv(columns, rows)], { type: "text/csv;charset=utf-8" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: `${id}.csv` });
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <Card data-testid={`chart-${id}`}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <CardTitle>{title}</CardTitle>
          {description && <CardDescription>{description}</CardDescription>}
        </div>
        <div className="flex gap-1" role="group" aria-label={`${title} view`}>
          {(["chart", "table"] as const).map((v) => (
            <Button key={v} size="sm" variant={view === v ? "default" : "outline"} aria-pressed={view === v} onClick={() => setView(v)}>
              {v === "chart" ? "Chart" : "Table"}
            </Button>
          ))}
          <Button size="sm" variant="outline" onClick={download} aria-label={`Download ${title} as CSV`}>
            CSV
          </Button>
        </div>
      </CardHeader>
      {view === "chart" ? (
        <div className="px-2 py-4 sm:px-4">
          {rows.length ? (
            children
          ) : (
            <div
              className="flex min-h-40 flex-col items-center justify-center gap-1 rounded-md border border-dashed border-zinc-200 px-4 py-8 text-center dark:border-zinc-800"
              data-testid="chart-empty"
            >
              <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{empty.title}</p>
              <p className="max-w-sm text-xs text-zinc-600 dark:text-zinc-400">{empty.hint}</p>
            </div>
          )}
        </div>
      ) : (
        <DataTable columns={columns} rows={rows} caption={title} testId={`table-${id}`} />
      )}
    </Card>
  );
}
