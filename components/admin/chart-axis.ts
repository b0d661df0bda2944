// Axis and tooltip text for the dashboards' charts: compact currency that never clips, dates read
// as "Dec 4" on day axes and "14:00" on hour axes, and the palette the stacks share (CSS variables
// from app/globals.css, so light and dark mode each get colours that hold up on their background).
import { formatCell, type ColumnFormat } from "@/components/admin/format";

export type Granularity = "day" | "hour";

/** One CSS variable per stack colour; a ninth series starts over at the first. */
export const CHART_COLORS = Array.from({ length: 8 }, (_, i) => `var(--chart-${i + 1})`);
export const chartColor = (i: number) => CHART_COLORS[i % CHART_COLORS.length]!;

const USD_COMPACT = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const INT_COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Short axis labels: `$1.2k`, `$40`, `$0.25`, `$0.004`; `12k` for counts. */
export function compactTick(value: number, format: ColumnFormat): string {
  if (format === "usd") {
    if (value === 0) return "$0";
    const abs = Math.abs(value);
    if (abs >= 1000) return USD_COMPACT.format(value).replace("K", "k");
    if (abs >= 1) return `$${Number(value.toFixed(abs >= 100 ? 0 : 1))}`;
    return `$${Number(value.toPrecision(2))}`;
  }
  if (format === "pct") return `${Math.round(value * 100)}%`;
  return INT_COMPACT.format(value).replace("K", "k");
}

const DAY = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const WEEKDAY = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
const hourOf = (iso: string) => `${iso.slice(11, 13)}:00`;
const isMidnight = (iso: string) => iso.slice(11, 13) === "00";

/** Hourly buckets spanning more than this many show a day axis (ticks at midnight only). */
const HOUR_AXIS_MAX_BUCKETS = 48;

/** Which buckets get a tick: every day, every third hour of a one- or two-day range, or each midnight. */
export function axisTicks(buckets: string[], granularity: Granularity): string[] {
  if (granularity === "day") return buckets;
  if (buckets.length <= HOUR_AXIS_MAX_BUCKETS) return buckets.filter((b) => Number(b.slice(11, 13)) % 3 === 0);
  return buckets.filter(isMidnight);
}

/** The text under a tick: "Dec 4" on a day axis, "14:00" on an hour axis (midnight names its day). */
export function axisLabel(iso: string, granularity: Granularity, bucketCount: number): string {
  if (granularity === "day" || bucketCount > HOUR_AXIS_MAX_BUCKETS) return DAY.format(new Date(iso));
  return isMidnight(iso) ? DAY.format(new Date(iso)) : hourOf(iso);
}

/** The tooltip's heading: "Thu, Dec 4" for a day, "Dec 4, 14:00–15:00 UTC" for an hour. */
export function bucketTitle(iso: string, granularity: Granularity): string {
  const date = new Date(iso);
  if (granularity === "day") return WEEKDAY.format(date);
  const next = `${String((date.getUTCHours() + 1) % 24).padStart(2, "0")}:00`;
  return `${DAY.format(date)}, ${hourOf(iso)}–${next} UTC`;
}

/** The tooltip's values keep full precision (cents), unlike the axis. */
export const tooltipValue = (value: number, format: ColumnFormat) => formatCell(value, format);

/** Bars never get thinner than this: a long hourly range scrolls sideways instead of drawing 1 px bars. */
export const MIN_BAND_PX = 6;

/** A one-day range in daily buckets would be a single bar: such a range is always shown hour by hour. */
export function hourlyForOneDay<R extends { from: Date; to: Date; granularity: Granularity }>(range: R): R {
  return range.to.getTime() - range.from.getTime() <= 86_400_000 ? { ...range, granularity: "hour" } : range;
}
