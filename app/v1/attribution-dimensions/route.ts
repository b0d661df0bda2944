import { dimensionsApi } from "@/lib/api/handlers/attribution-dimensions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = dimensionsApi.list;
export const POST = dimensionsApi.create;
