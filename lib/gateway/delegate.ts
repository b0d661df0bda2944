// POST /v1/keys/self/children: a key mints a child key for one run with itself as the
// credential (no management token), when its policy allows delegation.
import { authenticate } from "@/lib/gateway/authenticate";
import { contextFor, type PeerInfo } from "@/lib/gateway/proxy";
import { errorResponse, requestIdHeaders } from "@/lib/gateway/render-error";
import { logError } from "@/lib/log";
import { asLatchError, InvalidRequestError, PermissionError } from "@/lib/errors";
import { createChildKeyAsParent } from "@/lib/keys/create-child";
import { toChildKeyJson, toCreateChildKeyInput } from "@/lib/api/serializers/child-keys";

const MAX_BODY_BYTES = 65_536;

export async function handleSelfChildRequest(request: Request, peer: PeerInfo = { address: null }): Promise<Response> {
  const ctx = contextFor("models", request, peer);
  try {
    const key = await authenticate(request.headers, ctx.clientIp);
    if (key.policy.allowedIps && !key.policy.allowedIps(ctx.clientIp))
      throw new PermissionError("ip_not_allowed", "Requests from this IP address are not allowed for this key.");
    const text = await request.text();
    if (text.length > MAX_BODY_BYTES) throw new InvalidRequestError("The request body is too large.", null, "request_too_large", 413);
    let body: unknown = {};
    try {
      if (text.trim()) body = JSON.parse(text);
    } catch {
      throw new InvalidRequestError("The request body is not valid JSON.");
    }
    const created = await createChildKeyAsParent({ orgId: key.orgId, parentKeyId: key.id, input: toCreateChildKeyInput(body) });
    return new Response(JSON.stringify(toChildKeyJson(created)), {
      status: 201,
      headers: { "content-type": "application/json", "cache-control": "no-store", ...requestIdHeaders(ctx) },
    });
  } catch (error) {
    const err = asLatchError(error);
    if (err.code === "internal_error") logError("child key request failed", error, { requestId: ctx.requestId });
    return errorResponse(ctx, err);
  }
}
