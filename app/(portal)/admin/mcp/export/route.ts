import { can } from "@/lib/auth/permissions";
import { getActor } from "@/lib/auth/session";
import { parseDashboardParams } from "@/lib/usage/dashboard-range";
import { toolCallsExport } from "@/lib/mcp/calls/export";

export const dynamic = "force-dynamic";

/** Recorded tool calls (metadata only) for the dashboard's range, streamed page by page. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor || !can(actor, "usage.read.all")) return new Response("Not found", { status: 404 });
  const params = new URL(request.url).searchParams;
  const { range } = parseDashboardParams(Object.fromEntries(params));
  const format = params.get("format") === "json" ? "json" : "csv";
  const name = `tool-calls-${range.from.toISOString().slice(0, 10)}-${range.to.toISOString().slice(0, 10)}.${format}`;
  return new Response(toolCallsExport({ actor, range, format }), {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
