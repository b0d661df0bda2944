import { managementTokensApi } from "@/lib/api/handlers/management-tokens";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = managementTokensApi.get;
export const DELETE = managementTokensApi.revoke;
