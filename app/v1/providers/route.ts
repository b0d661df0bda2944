import { providersApi } from "@/lib/api/handlers/providers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = providersApi.list;
export const POST = providersApi.create;
