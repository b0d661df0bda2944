import { teamsApi } from "@/lib/api/handlers/teams";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = teamsApi.addMember;
