// The approvers' queue filters, from URL search params (so a filtered view can be shared). Pure.
import { z } from "zod";
import { GUARDRAIL_FIELDS, type Exceeded } from "@/lib/guardrails/schemas";

const Params = z.object({
  q: z.string().trim().max(200).catch(""),
  over: z.enum(GUARDRAIL_FIELDS).optional().catch(undefined),
  kind: z.enum(["create", "update"]).optional().catch(undefined),
});
export type TriageFilter = z.infer<typeof Params>;

export const parseTriageFilter = (params: Record<string, string | string[] | undefined>): TriageFilter =>
  Params.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : (v ?? undefined)])));

type Filterable = { name: string; kind: "create" | "update"; requester: { email: string; name: string | null }; exceeded: Exceeded[] };

export function matchesTriage(r: Filterable, f: TriageFilter): boolean {
  const q = f.q.toLowerCase();
  if (q && ![r.name, r.requester.email, r.requester.name ?? ""].some((s) => s.toLowerCase().includes(q))) return false;
  if (f.over && !r.exceeded.some((e) => e.field === f.over)) return false;
  return !f.kind || r.kind === f.kind;
}
