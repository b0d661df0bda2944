import { discovery } from "@/lib/scim/handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = discovery.schemas;
