import { keyRequestsApi } from "@/lib/api/handlers/key-requests";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = keyRequestsApi.deny;
