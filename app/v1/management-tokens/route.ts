import { managementTokensApi } from "@/lib/api/handlers/management-tokens";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = managementTokensApi.list;
export const POST = managementTokensApi.create;
