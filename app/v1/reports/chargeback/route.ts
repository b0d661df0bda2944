import { reportsApi } from "@/lib/api/handlers/reports";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = reportsApi.chargeback;
