import { pricesApi } from "@/lib/api/handlers/prices";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = pricesApi.get;
export const PATCH = pricesApi.update;
export const DELETE = pricesApi.delete;
