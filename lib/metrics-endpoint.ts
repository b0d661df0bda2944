// GET /metrics, shared by the lean server and the Next route. Closed by default in production:
// a bearer token (LATCH_METRICS_TOKEN), or LATCH_METRICS_PUBLIC=1 to open it on purpose.
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { renderMetrics } from "@/lib/metrics";

function authorised(header: string | null): boolean {
  if (!env.LATCH_METRICS_TOKEN) return env.LATCH_METRICS_PUBLIC || env.NODE_ENV !== "production";
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(env.LATCH_METRICS_TOKEN);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function metricsResponse(request: Request): Promise<Response> {
  if (!authorised(request.headers.get("authorization")))
    return Response.json(
      {
        error: {
          message: env.LATCH_METRICS_TOKEN
            ? "A valid metrics token is required."
            : "Metrics are closed: set LATCH_METRICS_TOKEN (then scrape with it as a bearer token), or LATCH_METRICS_PUBLIC=1.",
          type: "authentication_error",
          code: "invalid_metrics_token",
          param: null,
        },
      },
      { status: 401 },
    );
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
