import { modelRoutesApi } from "@/lib/api/handlers/model-routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = modelRoutesApi.list;
export const POST = modelRoutesApi.create;
