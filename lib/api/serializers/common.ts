// Wire shapes shared by every management resource: OpenAI-style lists, errors and deletions.
import { z } from "zod";

export const Timestamp = z.iso.datetime({ offset: true });

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
export const decimal = (value: { toString(): string } | null): number | null => (value === null ? null : Number(value.toString()));

export const ErrorBody = z
  .object({
    error: z.object({ message: z.string(), type: z.string(), code: z.string(), param: z.string().nullable() }),
    request_id: z.string().optional(),
  })
  .meta({ title: "Error" });

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("Page size, 1 to 100."),
  after: z.string().min(1).max(100).optional().describe("The `next_cursor` of the previous page."),
});

export const listOf = <T extends z.ZodType>(item: T, title: string) =>
  z.object({ object: z.literal("list"), data: z.array(item), has_more: z.boolean(), next_cursor: z.string().nullable() }).meta({ title });

export const deletedOf = (object: string, title: string) => z.object({ id: z.string(), object: z.literal(object), deleted: z.literal(true) }).meta({ title });

/** Rows come from a query for `limit + 1`: the extra row only tells whether there is a next page. */
export function toList<Row extends { id: string }, Json>(rows: Row[], limit: number, serialize: (row: Row) => Json) {
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return { object: "list" as const, data: page.map(serialize), has_more: hasMore, next_cursor: hasMore ? (page.at(-1)?.id ?? null) : null };
}

/** For verbs that load a whole (small) collection: the same cursor page, cut in memory. */
export function pageRows<Row extends { id: string }>(rows: Row[], query: { limit: number; after?: string }): Row[] {
  const start = query.after === undefined ? 0 : rows.findIndex((r) => r.id === query.after) + 1;
  return start === 0 && query.after !== undefined ? [] : rows.slice(start, start + query.limit + 1);
}
