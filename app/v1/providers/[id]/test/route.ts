import { providersApi } from "@/lib/api/handlers/providers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = providersApi.test;
