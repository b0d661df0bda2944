import { handleSelfChildRequest } from "@/lib/gateway/delegate";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = (request: Request) => handleSelfChildRequest(request);
