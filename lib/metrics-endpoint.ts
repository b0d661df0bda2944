// GET /metrics, shared by the lean server and the Next route.
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { renderMetrics } from "@/lib/metrics";

function authorised(header: string | null): boolean {
  if (!env.LATCH_METRICS_TOKEN) return true;
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(env.LATCH_METRICS_TOKEN);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function metricsResponse(request: Request): Promise<Response> {
  if (!authorised(request.headers.get("authorization")))
    return Response.json(
      { error: { message: "A valid metrics token is required.", type: "authentication_error", code: "invalid_metrics_token", param: null } },
      { status: 401 },
    );
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
