import { modelRoute, wrongMethodRoute } from "@/lib/gateway/routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = modelRoute();
export const POST = wrongMethodRoute("GET");
export const PUT = wrongMethodRoute("GET");
export const PATCH = wrongMethodRoute("GET");
export const DELETE = wrongMethodRoute("GET");
