import { users } from "@/lib/scim/handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = users.list;
export const POST = users.create;
