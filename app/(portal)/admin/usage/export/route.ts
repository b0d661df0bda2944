import { can } from "@/lib/auth/permissions";
import { getActor } from "@/lib/auth/session";
import { parseDashboardParams } from "@/lib/usage/dashboard-range";
import { usageCsv } from "@/lib/usage/csv";

export const dynamic = "force-dynamic";

/** Raw usage events (metadata only) for the dashboard's range, streamed page by page. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor || !can(actor, "usage.read.all")) return new Response("Not found", { status: 404 });
  const { range } = parseDashboardParams(Object.fromEntries(new URL(request.url).searchParams));
  const name = `usage-${range.from.toISOString().slice(0, 10)}-${range.to.toISOString().slice(0, 10)}.csv`;
  return new Response(usageCsv({ actor, range }), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
}
