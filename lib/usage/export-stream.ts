// A range of events streamed as CSV or a JSON array, one keyset page at a time (createdAt, id),
// so a large range never sits in memory. The usage and tool-call exports share it.

type Cursor = { createdAt: Date; id: string };
type Row = Cursor & Record<string, unknown>;

export function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  // Quote when needed, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const json = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? Number(v) : v));

/** The `where` part that continues after the last row of the previous page. */
export const after = (cursor: Cursor | null) =>
  cursor ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] } : {};

export function exportStream<R extends Row>({
  columns,
  format,
  page,
  jsonValue = (row, column) => row[column],
}: {
  columns: readonly (keyof R & string)[];
  format: "csv" | "json";
  /** The next rows after `cursor`, ordered by createdAt then id; empty when done. */
  page: (cursor: Cursor | null) => Promise<R[]>;
  jsonValue?: (row: R, column: keyof R & string) => unknown;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        return controller.enqueue(encoder.encode(format === "csv" ? `${columns.join(",")}\n` : "["));
      }
      const rows = await page(cursor);
      if (rows.length === 0) {
        if (format === "json") controller.enqueue(encoder.encode("]\n"));
        return controller.close();
      }
      const first = cursor === null;
      const last = rows.at(-1)!;
      cursor = { createdAt: last.createdAt, id: last.id };
      if (format === "json") {
        const objects = rows.map((r) => json(Object.fromEntries(columns.map((c) => [c, jsonValue(r, c) ?? null]))));
        controller.enqueue(encoder.encode((first ? "" : ",") + objects.join(",")));
      } else controller.enqueue(encoder.encode(`${rows.map((r) => columns.map((c) => cell(r[c])).join(",")).join("\n")}\n`));
    },
  });
}
