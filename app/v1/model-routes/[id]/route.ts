import { modelRoutesApi } from "@/lib/api/handlers/model-routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = modelRoutesApi.get;
export const PATCH = modelRoutesApi.update;
export const DELETE = modelRoutesApi.delete;
