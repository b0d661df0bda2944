import { providersApi } from "@/lib/api/handlers/providers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = providersApi.get;
export const PATCH = providersApi.update;
export const DELETE = providersApi.delete;
