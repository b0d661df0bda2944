// The seam between the gateway core and provider wire formats. Core code only ever talks to
// a ProviderAdapter; nothing outside lib/providers knows a provider by name.
import type { UpstreamReply } from "@/lib/providers/upstream-reply";

/** Client-facing API surfaces Latch serves. */
export type Endpoint =
  | "chat.completions"
  | "responses"
  | "embeddings"
  | "completions"
  | "messages"
  /** POST /v1/messages/count_tokens */
  | "messages.count_tokens"
  /** GET /v1/responses/{id} */
  | "responses.retrieve"
  /** POST /v1/responses/input_tokens */
  | "responses.input_tokens"
  /** POST /v1/responses/compact */
  | "responses.compact";

/**
 * The client's own request headers an adapter may act on, read once by the core from an
 * allowlist. Never the client's credentials: those are Latch's virtual key.
 */
export type ClientHeaders = {
  /** `anthropic-version`, when the client sent one. */
  anthropicVersion: string | null;
  /** Every `anthropic-beta` value the client sent, deduplicated, in order. */
  anthropicBeta: string[];
};

/** A decrypted provider credential, built only for the duration of one upstream request. */
export type Credential = {
  id: string;
  provider: string;
  baseUrl: string | null;
  secret: string | null;
  azureDeployment: string | null;
  azureApiVersion: string | null;
  config: Record<string, unknown>;
};

export type UpstreamRequest = {
  url: string;
  method: "POST" | "GET";
  headers: Record<string, string>;
  body?: string;
};

/**
 * Tokens of one request by billing class. inputTokens is the whole prompt and outputTokens the
 * whole generation; every other count is a subset of one of them or a separate unit, so a
 * reader that knows only the totals is still right, just priced at the base rates.
 */
export type Usage = {
  /** The whole prompt: uncached input, cache reads and cache writes. */
  inputTokens: number;
  /** The whole generation, reasoning included where the provider counts it inside output. */
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens). */
  cachedInputTokens: number;
  /** Input tokens written to a 5-minute cache (a subset of inputTokens). */
  cacheWrite5mTokens?: number;
  /** Input tokens written to a 1-hour cache (a subset of inputTokens). */
  cacheWrite1hTokens?: number;
  /** Hidden reasoning/thinking tokens (a subset of outputTokens). */
  reasoningTokens?: number;
  /** Audio input tokens (a subset of inputTokens). */
  audioInputTokens?: number;
  /** Audio output tokens (a subset of outputTokens). */
  audioOutputTokens?: number;
  /** Per-request units billed apart from tokens, e.g. web search calls. */
  webSearchRequests?: number;
  /** The provider's service tier for this request when it reports one (OpenAI `flex`, `priority`). */
  serviceTier?: string | null;
  /** Output counted by Latch from the streamed text because the provider reported no final count. */
  estimated?: boolean;
};

/** One parsed server-sent event. `raw` is the exact text of the event including its trailing blank line. */
export type SseEvent = { event: string | null; data: string; raw: string };

export type BuildRequestInput = {
  endpoint: Endpoint;
  /** The client's JSON body (already parsed); adapters must not mutate it. */
  body: Record<string, unknown>;
  upstreamModel: string;
  credential: Credential;
  stream: boolean;
  /** Whether the client itself asked for usage in the stream (OpenAI `stream_options.include_usage`). */
  clientWantsStreamUsage: boolean;
  /**
   * Latch's cost of a usage in USD (null: unpriced), shown to the client as `usage.cost` on an
   * OpenAI-format stream's usage chunk. Absent: no cost is added to the stream.
   */
  costOf?: (usage: Usage) => number | null;
  clientHeaders?: ClientHeaders;
  /** The resource a GET names (`responses.retrieve`: the response id), and the client's query string ("" or "?…"). */
  resource?: { id: string; query: string };
};

export type ParsedResponse = { body: unknown; usage: Usage | null };

/** Incremental decoder of an upstream stream body into events; the core's default is its SSE parser. */
export interface StreamDecoder {
  /** Feeds a chunk of bytes; returns every event completed by it. */
  push(chunk: Uint8Array): SseEvent[];
  /** Called once at the end of the body; throws if it ended mid-event. */
  end(): SseEvent[];
}

/** Stateful per-request transformer of upstream SSE events into the client's format. */
export interface StreamTransformer {
  /** Returns the text to write to the client for this upstream event ("" to drop it). */
  push(event: SseEvent): string;
  /** Called once when the upstream stream ends; returns any closing text for the client. */
  flush(): string;
  /** Usage reported by the provider so far, if any. */
  usage(): Usage | null;
  /** Whether usage() holds the provider's final count (a stream cut off before it is estimated). */
  usageFinal(): boolean;
  /**
   * Output tokens counted from the text streamed so far (text, tool-call arguments, visible
   * thinking), scaled so a model with another tokenizer is not under-counted. Tokenises (in the
   * tokenizer's worker thread), so it is called once, when a stream ends without its final usage.
   */
  countStreamedOutput(): Promise<number>;
}

export type ProviderError = {
  status: number;
  message: string;
  type: string;
  code: string | null;
  param: string | null;
};

/** Settings a credential keeps beside its secret, for providers that need them (stored in its `config`). */
export type CredentialSettings = { region?: string; project?: string; stsEndpoint?: string };
export type CredentialSetting = keyof CredentialSettings;

/**
 * How a provider's credentials are checked on create and update, beyond a plain API key. Core
 * code (lib/credentials) reaches these through the registry, never by the provider's name.
 */
export interface CredentialRules {
  /** The settings it takes; any other one given is refused with a 400. */
  readonly settings: readonly CredentialSetting[];
  /** Validates the secret: what to show of it (never quoting it), and settings read from it. */
  checkSecret(secret: string): Promise<{ last4: string; defaults: CredentialSettings }>;
  /** The settings the credential ends up with, checked for what the provider requires. */
  checkSettings(settings: CredentialSettings): Promise<CredentialSettings>;
}

/** The two wire formats clients speak to Latch. */
export type WireFormat = "openai-api" | "anthropic-api";

export interface ProviderAdapter {
  readonly id: string;
  readonly displayName: string;
  /**
   * The provider's own rate-limit headers (`x-ratelimit-` for OpenAI's format,
   * `anthropic-ratelimit-` for Anthropic's): passed on its 429/503/529 answers to clients that
   * speak the same format, where the names mean what the client's SDK expects.
   */
  readonly rateLimitHeaders?: { format: WireFormat; prefix: string };
  /** Whether a credential of this provider needs a secret, and a base URL. */
  readonly needsSecret: boolean;
  readonly defaultBaseUrl: string | null;
  /** Checks of its credentials beyond a plain API key (Bedrock's AWS keys, Vertex's key file). */
  readonly credentialRules?: CredentialRules;
  supports(endpoint: Endpoint): boolean;
  buildRequest(input: BuildRequestInput): UpstreamRequest;
  /**
   * Async last step for providers that sign the built request or attach a freshly minted
   * access token (Bedrock SigV4, Vertex OAuth). Absent for plain API-key providers.
   */
  authorizeRequest?(request: UpstreamRequest, input: BuildRequestInput): Promise<UpstreamRequest>;
  parseResponse(endpoint: Endpoint, json: unknown, input: BuildRequestInput): ParsedResponse;
  createStreamTransformer(endpoint: Endpoint, input: BuildRequestInput): StreamTransformer;
  /** Upstream error → client-safe error. Never includes upstream headers or our credential. */
  mapError(status: number, bodyText: string): ProviderError;
  /**
   * Providers served in process (the built-in mock) answer here instead of over HTTP, in the
   * same wire format buildRequest would have reached, so the rest of the pipeline is shared.
   */
  invokeLocal?(request: UpstreamRequest, input: BuildRequestInput): Promise<UpstreamReply>;
  /**
   * For providers whose streams are not SSE (Bedrock's binary `application/vnd.amazon.eventstream`):
   * the content type that marks a streamed answer, and a per-request decoder into the SseEvents
   * the stream transformer consumes. Absent: streams are `text/event-stream`, parsed by the core.
   */
  readonly streamFormat?: { contentType: string; createDecoder(): StreamDecoder };
  /** Request for `GET models` used by "test connection"; null when the provider has none. */
  buildModelsRequest?(credential: Credential): UpstreamRequest | null;
  /**
   * For "test connection" on providers with authorizeRequest and no models list: a cheap real
   * call built from the probe input (a one-token chat to one of the credential's models), sent
   * once authorizeRequest has signed it. Absent or null: authorizing it is the whole test.
   */
  buildTestRequest?(input: BuildRequestInput): UpstreamRequest | null;
}
