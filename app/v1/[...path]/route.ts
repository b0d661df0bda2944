// Any /v1 path no other route file serves, whatever the method.
import { unknownRoute } from "@/lib/gateway/routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = unknownRoute();
export const POST = unknownRoute();
export const PUT = unknownRoute();
export const PATCH = unknownRoute();
export const DELETE = unknownRoute();
