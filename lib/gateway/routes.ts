// What app/v1/* route files export: one line each, so the route layer stays thin.
import { handleProxyRequest } from "@/lib/gateway/proxy";
import { handleModelsRequest } from "@/lib/gateway/models";
import type { Endpoint } from "@/lib/providers/types";

export const proxyRoute = (endpoint: Endpoint) => (request: Request) => handleProxyRequest(endpoint, request);

export const modelsRoute = () => (request: Request) => handleModelsRequest(request, null);

export const modelRoute =
  () =>
  async (request: Request, { params }: { params: Promise<{ id: string[] }> }) =>
    handleModelsRequest(request, (await params).id.map(decodeURIComponent).join("/"));
