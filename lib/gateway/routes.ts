// What app/v1/* route files export: one line each, so the route layer stays thin.
import { handleProxyRequest } from "@/lib/gateway/proxy";
import { handleModelsRequest } from "@/lib/gateway/models";
import { methodNotAllowedResponse, unknownRouteResponse, unroutableReply } from "@/lib/gateway/unknown-route";
import { toWebResponse } from "@/lib/gateway/reply";
import type { Endpoint } from "@/lib/providers/types";

export const proxyRoute = (endpoint: Endpoint) => (request: Request) => handleProxyRequest(endpoint, request);

/** GET /v1/responses/{id}: the id is the resource, the client's query string goes with it. */
export const responseRoute =
  () =>
  async (request: Request, { params }: { params: Promise<{ id: string }> }) =>
    handleProxyRequest("responses.retrieve", request, undefined, { id: (await params).id, query: new URL(request.url).search });

export const modelsRoute = () => (request: Request) => handleModelsRequest(request, null);

export const modelRoute =
  () =>
  async (request: Request, { params }: { params: Promise<{ id: string[] }> }) => {
    let id: string;
    try {
      id = (await params).id.map(decodeURIComponent).join("/");
    } catch (error) {
      return toWebResponse(unroutableReply(new URL(request.url).pathname, error)); // a malformed percent-escape
    }
    return handleModelsRequest(request, id);
  };

/** The other methods of a data-plane path: a JSON 405 rather than Next's empty one. */
export const wrongMethodRoute = (allow: "GET" | "POST") => methodNotAllowedResponse(allow);

/**
 * Every /v1 path no route file serves: a JSON 404 in the caller's format rather than Next's
 * HTML page. Marked so route walks can tell it from an undocumented handler.
 */
export const unknownRoute = () => Object.assign((request: Request) => unknownRouteResponse(request), { fallback: true as const });
