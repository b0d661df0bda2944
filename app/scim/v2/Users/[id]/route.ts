import { users } from "@/lib/scim/handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = users.get;
export const PUT = users.replace;
export const PATCH = users.patch;
export const DELETE = users.remove;
