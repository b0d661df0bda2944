import { keysApi } from "@/lib/api/handlers/keys";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = keysApi.get;
export const PATCH = keysApi.update;
export const DELETE = keysApi.revoke;
