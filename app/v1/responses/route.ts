import { proxyRoute } from "@/lib/gateway/routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = proxyRoute("responses");
