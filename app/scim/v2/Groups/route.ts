import { groups } from "@/lib/scim/handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = groups.list;
export const POST = groups.create;
