import { groups } from "@/lib/scim/handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = groups.get;
export const PUT = groups.replace;
export const PATCH = groups.patch;
export const DELETE = groups.remove;
