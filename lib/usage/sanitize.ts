// Usage events carry strings the client chose (model names, user agents). Before an event is
// queued, each is made storable: well-formed UTF-16 (a lone surrogate becomes U+FFFD, which
// Postgres' JSON accepts), no NUL or other control characters, and bounded in length (a long
// model name would exceed the btree row limit of the model index).
import type { UsageEvent } from "@/lib/usage/event";

const LIMITS = { provider: 64, model: 256, endpoint: 64, errorCode: 64, clientIp: 64, userAgent: 512, requestedModel: 256, degradedBy: 1_300 } as const;
// Control characters, and surrogates (paired ones are checked again by toWellFormed below).
const SUSPECT = /[\u0000-\u001f\u007f\ud800-\udfff]/;
const CONTROL = /[\u0000-\u001f\u007f]/g;

export function storableString(value: string, max: number): string {
  let out = value.length > max ? value.slice(0, max) : value;
  if (SUSPECT.test(out)) out = out.toWellFormed().replace(CONTROL, "");
  return out;
}

export function sanitizeUsageEvent(event: UsageEvent): UsageEvent {
  for (const field of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    const value = event[field];
    if (typeof value === "string") event[field] = storableString(value, LIMITS[field]);
  }
  if (event.findings) {
    const classes: Record<string, number> = {};
    for (const [name, count] of Object.entries(event.findings.classes)) classes[storableString(name, 64)] = count;
    event.findings = { ...event.findings, classes };
  }
  return event;
}
