import { dimensionsApi } from "@/lib/api/handlers/attribution-dimensions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = dimensionsApi.get;
export const PATCH = dimensionsApi.update;
export const DELETE = dimensionsApi.delete;
