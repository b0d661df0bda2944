// Anthropic's model list shape: `{data, has_more, first_id, last_id}`, paged with `limit`,
// `after_id` and `before_id` the way the Anthropic SDKs' auto-pagination walks it.
import type { VisibleModel } from "@/lib/gateway/models";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

export function anthropicModel(m: VisibleModel) {
  return { type: "model" as const, id: m.id, display_name: m.id, created_at: new Date(m.created * 1000).toISOString() };
}

export function anthropicModelPage(models: VisibleModel[], params: URLSearchParams) {
  const asked = Number.parseInt(params.get("limit") ?? "", 10);
  const limit = Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_LIMIT) : DEFAULT_LIMIT;
  const after = params.get("after_id");
  const before = params.get("before_id");
  let start = 0;
  let end = models.length;
  if (after !== null) start = models.findIndex((m) => m.id === after) + 1 || models.length;
  if (before !== null)
    end = Math.max(
      0,
      models.findIndex((m) => m.id === before),
    );
  // before_id pages backwards: the `limit` models just before it.
  const page = before !== null && after === null ? models.slice(Math.max(0, end - limit), end) : models.slice(start, Math.min(end, start + limit));
  const data = page.map(anthropicModel);
  const hasMore = before !== null && after === null ? end - limit > 0 : start + limit < end;
  return { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
