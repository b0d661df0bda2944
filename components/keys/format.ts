const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

export function formatRelative(date: Date, now = Date.now()): string {
  const diff = date.getTime() - now;
  for (const [unit, ms] of STEPS) {
    if (Math.abs(diff) >= ms) return RELATIVE.format(Math.round(diff / ms), unit);
  }
  return "just now";
}

/** Calendar date in UTC, so server-rendered tables read the same for everyone. */
export const formatDate = (date: Date): string => date.toISOString().slice(0, 10);

/** Cents for everyday amounts; significant digits for the sub-cent caps tests and trials use. */
export function formatUsd(value: { toString(): string } | number): string {
  const n = Number(value.toString());
  const options: Intl.NumberFormatOptions =
    n > 0 && n < 0.01
      ? { maximumSignificantDigits: 2 }
      : n < 1
        ? { minimumFractionDigits: 2, maximumFractionDigits: 4 }
        : { maximumFractionDigits: 2, minimumFractionDigits: 2 };
  return n.toLocaleString("en-US", { style: "currency", currency: "USD", ...options });
}

export const formatCount = (n: number) => n.toLocaleString("en-US");
