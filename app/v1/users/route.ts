import { usersApi } from "@/lib/api/handlers/users";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = usersApi.list;
