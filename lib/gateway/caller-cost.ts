// What the caller is told about cost: the x-latch-cost-usd header on JSON answers, `usage.cost`
// in OpenAI-format bodies and usage chunks (as OpenRouter reports it). Anthropic-format answers
// get the header only, so their bodies and streams stay exactly the provider's.
import { costOf, findPrice } from "@/lib/usage/pricing";
import { isRecord } from "@/lib/providers/json";
import type { Endpoint, Usage } from "@/lib/providers/types";
import type { RequestContext } from "@/lib/gateway/request-context";

export const COST_HEADER = "x-latch-cost-usd";

/** USD with the 8 decimals usage events keep; never in exponent notation. */
export function formatUsd(usd: number): string {
  return usd.toFixed(8);
}

const rounded = (usd: number) => Math.round(usd * 1e10) / 1e10;

/** The cost of a usage at the model that answered (read when called: failover may have changed it). */
export function costReporter(ctx: RequestContext): (usage: Usage) => number | null {
  return (usage) => {
    const price = ctx.org && ctx.provider && ctx.model ? findPrice(ctx.org.prices, ctx.provider, ctx.model) : null;
    return price ? rounded(costOf(price, usage)) : null;
  };
}

/** Adds `usage.cost` to an OpenAI-format body (official SDKs keep unknown fields). */
export function withCostInBody(endpoint: Endpoint, body: unknown, cost: number | null): unknown {
  if (cost === null || endpoint === "messages" || !isRecord(body) || !isRecord(body.usage)) return body;
  return { ...body, usage: { ...body.usage, cost: rounded(cost) } };
}

export function setCostHeader(headers: Record<string, string>, cost: number | null): void {
  if (cost !== null) headers[COST_HEADER] = formatUsd(cost);
}
