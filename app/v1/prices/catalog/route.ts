import { pricesApi } from "@/lib/api/handlers/prices";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = pricesApi.catalog;
