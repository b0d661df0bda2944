// The dashboards' range controls, from URL search params. Pure: the range picker uses it too.
import { z } from "zod";

export const RANGE_PRESETS = ["7d", "30d", "90d", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const STACKS = ["team", "model", "provider", "kind"] as const;
/** A built-in stack, or `dimension:<name>` for one of the org's attribution dimensions. */
export type Stack = (typeof STACKS)[number] | `dimension:${string}`;
const StackParam = z.union([
  z.enum(STACKS),
  z
    .string()
    .regex(/^dimension:[a-z][a-z0-9_]{0,39}$/)
    .transform((s) => s as `dimension:${string}`),
]);

export type DashboardRange = { preset: RangePreset; from: Date; to: Date; granularity: "day" | "hour" };
/** A custom range that cannot be shown: the dates as typed, and why (never silently replaced). */
export type RangeError = { from: string; to: string; message: string };

const DAY_MS = 86_400_000;
/** Hourly buckets beyond a month are too many bars to read and too many points to send. */
const MAX_HOURLY_MS = 31 * DAY_MS;
const MAX_RANGE_MS = 400 * DAY_MS;

const Params = z.object({
  range: z.enum(RANGE_PRESETS).catch("30d"),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  granularity: z.enum(["day", "hour"]).catch("day"),
  stack: StackParam.catch("team"),
});

export function parseDashboardParams(params: Record<string, string | string[] | undefined>, now = Date.now()) {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const p = Params.parse(flat);
  // Ranges end at the next whole hour so the current hour's rollup bucket is included.
  const end = Math.ceil(now / 3_600_000) * 3_600_000;
  let from = new Date(end - Number.parseInt(p.range === "custom" ? "30" : p.range, 10) * DAY_MS);
  let to = new Date(end);
  let error: RangeError | null = null;
  if (p.range === "custom" && p.from && p.to) {
    const customFrom = new Date(`${p.from}T00:00:00Z`);
    const customTo = new Date(new Date(`${p.to}T00:00:00Z`).getTime() + DAY_MS);
    const message = !(customFrom < customTo)
      ? "The start date is after the end date: pick a start date on or before the end date."
      : customTo.getTime() - customFrom.getTime() > MAX_RANGE_MS
        ? `A custom range covers at most ${MAX_RANGE_MS / DAY_MS} days: pick a shorter one.`
        : null;
    if (message) error = { from: p.from, to: p.to, message };
    else ({ from, to } = { from: customFrom, to: customTo });
  }
  const granularity = p.granularity === "hour" && to.getTime() - from.getTime() <= MAX_HOURLY_MS ? "hour" : "day";
  const range: DashboardRange = { preset: p.range, from, to, granularity };
  return { range, stack: p.stack, error };
}

/** Every bucket start in the range, so charts show quiet periods as zero instead of skipping them. */
export function bucketStarts(range: DashboardRange): Date[] {
  const step = range.granularity === "hour" ? 3_600_000 : DAY_MS;
  const first = Math.floor(range.from.getTime() / step) * step;
  const out: Date[] = [];
  for (let t = first; t < range.to.getTime(); t += step) out.push(new Date(t));
  return out;
}
