// Sends the request to the first healthy candidate. Connection errors and 5xx fall over to the
// next candidate; nothing has been sent to the client yet, so that is always safe.
import { Agent, fetch as undiciFetch } from "undici";
import { env } from "@/lib/env";
import { decryptSecret } from "@/lib/security/secret-box";
import { getAdapter } from "@/lib/providers/registry";
import { InvalidRequestError, LatchError } from "@/lib/errors";
import { ProviderRequestError } from "@/lib/providers/errors";
import type { RouteCandidate } from "@/lib/gateway/org-cache";
import type { BuildRequestInput, Endpoint, ProviderAdapter } from "@/lib/providers/types";

const dispatcher = new Agent({
  keepAliveTimeout: 30_000,
  connections: 256,
  headersTimeout: env.LATCH_UPSTREAM_TIMEOUT_MS,
  bodyTimeout: env.LATCH_UPSTREAM_TIMEOUT_MS,
});

export type Forwarded = {
  response: Response;
  adapter: ProviderAdapter;
  candidate: RouteCandidate;
  input: BuildRequestInput;
};

export type ForwardInput = {
  endpoint: Endpoint;
  body: Record<string, unknown>;
  stream: boolean;
  clientWantsStreamUsage: boolean;
  candidates: RouteCandidate[];
  signal: AbortSignal;
};

export class UpstreamUnavailableError extends LatchError {
  constructor(timedOut: boolean) {
    super({
      status: timedOut ? 504 : 502,
      type: "server_error",
      code: timedOut ? "upstream_timeout" : "upstream_unavailable",
      message: timedOut ? "The provider did not respond in time." : "The provider could not be reached.",
      retryable: true,
    });
  }
}

export async function forward({ endpoint, body, stream, clientWantsStreamUsage, candidates, signal }: ForwardInput): Promise<Forwarded> {
  const usable = candidates.flatMap((candidate) => {
    const adapter = getAdapter(candidate.credential.provider);
    return adapter?.supports(endpoint) ? [{ candidate, adapter }] : [];
  });
  if (usable.length === 0) throw new InvalidRequestError(`This model does not support the ${endpoint} endpoint.`, "model", "unsupported_endpoint");

  let timedOut = false;
  for (const [index, { candidate, adapter }] of usable.entries()) {
    const isLast = index === usable.length - 1;
    const { credential } = candidate;
    const input: BuildRequestInput = {
      endpoint, body, upstreamModel: candidate.upstreamModel, stream, clientWantsStreamUsage,
      credential: {
        id: credential.id, provider: credential.provider, baseUrl: credential.baseUrl,
        secret: credential.encryptedSecret ? decryptSecret(credential.encryptedSecret) : null,
        azureDeployment: credential.azureDeployment, azureApiVersion: credential.azureApiVersion, config: credential.config,
      },
    };
    let request;
    try {
      request = adapter.buildRequest(input);
    } catch (err) {
      if (err instanceof ProviderRequestError) throw new InvalidRequestError(err.error.message, err.error.param, err.error.code ?? "invalid_request_error");
      throw err;
    }
    try {
      // Signing or token minting failing is the provider being unreachable: fall over.
      if (adapter.authorizeRequest) request = await adapter.authorizeRequest(request, input);
      const response = adapter.invokeLocal
        ? await adapter.invokeLocal(request, input)
        : ((await undiciFetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal, dispatcher })) as unknown as Response);
      if (response.status < 500 || isLast) return { response, adapter, candidate, input };
      await response.body?.cancel();
    } catch (err) {
      if (signal.aborted) throw err;
      timedOut ||= isTimeout(err);
    }
  }
  throw new UpstreamUnavailableError(timedOut);
}

function isTimeout(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code === "UND_ERR_HEADERS_TIMEOUT" || cause?.code === "UND_ERR_BODY_TIMEOUT";
}
