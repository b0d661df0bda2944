// What of a provider's "slow down" answer reaches the client: its wait hints always, its
// rate-limit headers only when the client speaks the provider's format (an OpenAI SDK reads
// nothing from anthropic-ratelimit-*, and Latch's own x-ratelimit-* describe the key). Nothing
// else the provider sent is forwarded.
import type { Forwarded } from "@/lib/gateway/forward";
import type { RequestContext } from "@/lib/gateway/request-context";

const BACK_PRESSURE_STATUSES = new Set([429, 503, 529]);
const WAIT_HINTS = ["retry-after", "retry-after-ms"];
const MAX_VALUE_CHARS = 200;

export function backPressureHeaders(ctx: RequestContext, { response, adapter }: Forwarded): Record<string, string> {
  if (!BACK_PRESSURE_STATUSES.has(response.status)) return {};
  const out: Record<string, string> = {};
  for (const name of WAIT_HINTS) {
    const value = response.headers.get(name);
    if (value && value.length <= MAX_VALUE_CHARS) out[name] = value;
  }
  const family = adapter.rateLimitHeaders;
  if (family && family.format === ctx.format) {
    response.headers.forEach((value, name) => {
      if (name.toLowerCase().startsWith(family.prefix) && value.length <= MAX_VALUE_CHARS) out[name.toLowerCase()] = value;
    });
  }
  return out;
}
