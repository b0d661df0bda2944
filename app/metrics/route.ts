import { metricsResponse } from "@/lib/metrics-endpoint";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = (request: Request) => metricsResponse(request);
