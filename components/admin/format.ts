// Cell formats shared by charts, tables and CSV files. Pure, so server and client render alike.
import { formatUsd } from "@/components/keys/format";

export type ColumnFormat = "text" | "usd" | "int" | "pct" | "datetime" | "date";
/** `linkKey` names the row field holding an in-app href for this cell (tables only, not CSV). */
export type Column = { key: string; label: string; format?: ColumnFormat; linkKey?: string };
export type Row = Record<string, string | number | boolean | null>;

export function formatCell(value: Row[string], format: ColumnFormat = "text"): string {
  if (value === null || value === undefined) return "—";
  if (format === "usd") return formatUsd(Number(value));
  if (format === "int") return Math.round(Number(value)).toLocaleString("en-US");
  if (format === "pct") return `${(Number(value) * 100).toFixed(1)}%`;
  if (format === "datetime") return String(value).slice(0, 16).replace("T", " ");
  if (format === "date") return String(value).slice(0, 10);
  return String(value);
}

/** Raw numbers in CSV (spreadsheets do the formatting); formulas neutralised as in lib/usage/csv.ts. */
export function toCsv(columns: Column[], rows: Row[]): string {
  const cell = (v: Row[string]) => {
    if (v === null || v === undefined) return "";
    const text = String(v);
    const safe = /^[=+\-@]/.test(text) && typeof v !== "number" ? `'${text}` : text;
    return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `${[columns.map((c) => cell(c.label)).join(","), ...rows.map((r) => columns.map((c) => cell(r[c.key] ?? null)).join(","))].join("\n")}\n`;
}
