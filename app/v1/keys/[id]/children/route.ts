import { keysApi } from "@/lib/api/handlers/keys";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = keysApi.createChild;
