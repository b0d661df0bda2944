// Sends the request to the first healthy candidate. Connection errors and 5xx fall over to the
// next candidate; nothing has been sent to the client yet, so that is always safe.
import type { UpstreamReply } from "@/lib/providers/upstream-reply";
import { createGuardedAgent } from "@/lib/security/guarded-dispatcher";
import { sendUpstream } from "@/lib/gateway/upstream-http";
import { env } from "@/lib/env";
import { openSecret } from "@/lib/gateway/secret-cache";
import { getAdapter } from "@/lib/providers/registry";
import { InvalidRequestError, LatchError } from "@/lib/errors";
import { isErrorCode } from "@/lib/error-codes";
import { ProviderRequestError } from "@/lib/providers/errors";
import type { RouteCandidate } from "@/lib/gateway/org-cache";
import { orderByHealth, recordFailure, recordSuccess } from "@/lib/gateway/circuit-breaker";
import type { BuildRequestInput, ClientHeaders, Endpoint, ProviderAdapter } from "@/lib/providers/types";
import { retryDelayMs, MAX_HONOURED_RETRY_DELAY_MS } from "@/lib/gateway/retry-after";
import { unsupportedEndpoint } from "@/lib/gateway/endpoints";

// Guarded: every connection's resolved address is checked, so a base URL that rebinds to a
// metadata or loopback address after it was saved is refused at connect time.
const dispatcher = createGuardedAgent({
  keepAliveTimeout: 30_000,
  connections: 256,
  headersTimeout: env.LATCH_UPSTREAM_TIMEOUT_MS,
  bodyTimeout: env.LATCH_UPSTREAM_TIMEOUT_MS,
});

export type Forwarded = {
  response: UpstreamReply;
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
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** Passed to the adapter for reporting cost in the stream (see BuildRequestInput.costOf). */
  costOf?: BuildRequestInput["costOf"];
  clientHeaders?: ClientHeaders;
  resource?: BuildRequestInput["resource"];
};

// A non-streamed request the client abandons once it is sent is still answered and billed by the
// provider, so it is not cancelled: its answer is read (within the upstream timeout) and metered.
// Streams are cancelled at once, which stops the provider generating. (No signal at all, rather
// than one shared never-aborted signal: every request in flight would add a listener to it.)

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

export async function forward({
  endpoint,
  body,
  stream,
  clientWantsStreamUsage,
  candidates,
  signal,
  costOf,
  clientHeaders,
  resource,
}: ForwardInput): Promise<Forwarded> {
  const usable = orderByHealth(candidates).flatMap((candidate) => {
    const adapter = getAdapter(candidate.credential.provider);
    return adapter?.supports(endpoint) ? [{ candidate, adapter }] : [];
  });
  if (usable.length === 0) throw unsupportedEndpoint(endpoint);

  let timedOut = false;
  // Each candidate in turn; the last one gets a couple of retries with backoff. All of this
  // happens before any byte reached the client, so retrying is always safe.
  const attempts = usable.flatMap((u, i) => (i === usable.length - 1 ? Array.from({ length: 1 + env.LATCH_UPSTREAM_RETRIES }, () => u) : [u]));
  // The wait the provider asked for on its last answer, honoured before retrying the same candidate.
  let askedWaitMs: number | null = null;
  for (const [index, { candidate, adapter }] of attempts.entries()) {
    const isLast = index === attempts.length - 1;
    if (index >= usable.length) await backoff(index - usable.length + 1, askedWaitMs, signal);
    askedWaitMs = null;
    if (signal.aborted) throw signal.reason; // no new attempt for a client that left
    const { credential } = candidate;
    const input: BuildRequestInput = {
      endpoint,
      body,
      upstreamModel: candidate.upstreamModel,
      stream,
      clientWantsStreamUsage,
      costOf,
      clientHeaders,
      resource,
      credential: {
        id: credential.id,
        provider: credential.provider,
        baseUrl: credential.baseUrl,
        secret: credential.encryptedSecret ? openSecret(credential.encryptedSecret) : null,
        azureDeployment: credential.azureDeployment,
        azureApiVersion: credential.azureApiVersion,
        config: credential.config,
      },
    };
    let request;
    try {
      request = adapter.buildRequest(input);
    } catch (err) {
      if (err instanceof ProviderRequestError)
        throw new InvalidRequestError(
          err.error.message,
          err.error.param,
          err.error.code && isErrorCode(err.error.code) ? err.error.code : "invalid_request_error",
        );
      throw err;
    }
    try {
      // Signing or token minting failing is the provider being unreachable: fall over.
      if (adapter.authorizeRequest) request = await adapter.authorizeRequest(request, input);
      const response = adapter.invokeLocal ? await adapter.invokeLocal(request, input) : await sendUpstream(request, stream ? signal : undefined, dispatcher);
      const failed = response.status >= 500 || response.status === 429;
      if (failed) recordFailure(candidate.credential.id);
      else recordSuccess(candidate.credential.id);
      if (!failed || isLast) return { response, adapter, candidate, input };
      // A provider asking to wait longer than we would is passed to the client, hint and all.
      askedWaitMs = retryDelayMs(response.headers);
      if (askedWaitMs !== null && askedWaitMs > MAX_HONOURED_RETRY_DELAY_MS) return { response, adapter, candidate, input };
      await response.body?.cancel();
    } catch (err) {
      if (signal.aborted) throw err;
      recordFailure(candidate.credential.id);
      timedOut ||= isTimeout(err);
    }
  }
  throw new UpstreamUnavailableError(timedOut);
}

/** Exponential backoff with jitter, or exactly the wait the provider asked for. */
function backoff(attempt: number, askedMs: number | null, signal: AbortSignal): Promise<void> {
  const ms = askedMs ?? Math.min(2_000, 100 * 4 ** (attempt - 1)) * (0.5 + Math.random() / 2);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

function isTimeout(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code === "UND_ERR_HEADERS_TIMEOUT" || cause?.code === "UND_ERR_BODY_TIMEOUT";
}
