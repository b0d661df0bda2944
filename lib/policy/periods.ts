// Budget periods, calendar-aligned in the org's time zone: a "monthly" cap resets at local
// midnight on the 1st, "weekly" at local midnight on Monday, "lifetime" never.
export type Period = "daily" | "weekly" | "monthly" | "lifetime";

export type PeriodWindow = { start: number; end: number | null };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

type Local = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number };
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

function localParts(ms: number, timeZone: string): Local {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? "Mon"] ?? 0,
  };
}

/** UTC instant of a local wall-clock midnight, found by correcting for the zone's offset. */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  let guess = Date.UTC(year, month - 1, day);
  for (let i = 0; i < 3; i++) {
    const l = localParts(guess, timeZone);
    const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
    const diff = asUtc - Date.UTC(year, month - 1, day);
    if (diff === 0) break;
    guess -= diff;
  }
  return guess;
}

// Every instant of a window maps to that same window, so the last one computed per period and
// zone answers until it ends: the hot path skips Intl formatting on almost every request.
const lastWindows = new Map<string, PeriodWindow>();

export function periodWindow(period: Period, timeZone: string, now: number): PeriodWindow {
  if (period === "lifetime") return { start: 0, end: null };
  const id = `${period}|${timeZone}`;
  const last = lastWindows.get(id);
  if (last && now >= last.start && now < last.end!) return { start: last.start, end: last.end };
  const window = computeWindow(period, timeZone, now);
  if (lastWindows.size > 1_000) lastWindows.clear();
  lastWindows.set(id, window);
  return { start: window.start, end: window.end };
}

function computeWindow(period: Exclude<Period, "lifetime">, timeZone: string, now: number): PeriodWindow {
  const l = localParts(now, timeZone);
  if (period === "daily") {
    return { start: localMidnight(l.year, l.month, l.day, timeZone), end: localMidnight(l.year, l.month, l.day + 1, timeZone) };
  }
  if (period === "weekly") {
    const day = l.day - l.weekday;
    return { start: localMidnight(l.year, l.month, day, timeZone), end: localMidnight(l.year, l.month, day + 7, timeZone) };
  }
  return { start: localMidnight(l.year, l.month, 1, timeZone), end: localMidnight(l.year, l.month + 1, 1, timeZone) };
}

/** Days passed to Date.UTC may overflow (day 32, month 13): Date.UTC normalises them. */
export const isValidTimeZone = (tz: string) => {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
};
