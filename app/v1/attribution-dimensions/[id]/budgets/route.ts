import { dimensionsApi } from "@/lib/api/handlers/attribution-dimensions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = dimensionsApi.setBudget;
