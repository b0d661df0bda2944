import { proxyRoute, wrongMethodRoute } from "@/lib/gateway/routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = proxyRoute("messages");
export const GET = wrongMethodRoute("POST");
export const PUT = wrongMethodRoute("POST");
export const PATCH = wrongMethodRoute("POST");
export const DELETE = wrongMethodRoute("POST");
