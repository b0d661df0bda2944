import { organizationApi } from "@/lib/api/handlers/organization";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = organizationApi.get;
export const PATCH = organizationApi.update;
