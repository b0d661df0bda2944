export type UsageOutcome = "success" | "provider_error" | "rejected" | "aborted";

/** Data-classification findings of one request: detector classes and counts, never the matched text. */
export type ClassificationFindings = { action: "block" | "redact" | "log_only"; classes: Record<string, number> };

/** One row of attribution: what the gateway hands to the usage pipeline for every request. */
export type UsageEvent = {
  id: string;
  orgId: string;
  keyId: string | null;
  userId: string | null;
  teamId: string | null;
  /** The key's kind (personal, application, service, agent, ci); absent on events written before kinds existed. */
  keyKind?: string | null;
  provider: string | null;
  model: string | null;
  endpoint: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Token classes inside inputTokens / outputTokens, and per-request units (see Usage); absent = 0. */
  cacheWrite5mTokens?: number;
  cacheWrite1hTokens?: number;
  reasoningTokens?: number;
  audioInputTokens?: number;
  audioOutputTokens?: number;
  webSearchRequests?: number;
  /** Output counted by Latch from a stream cut off before the provider's final count; absent = false. */
  estimated?: boolean;
  /** The provider billed more than the request's reservation (caps were settled at the reservation); absent = false. */
  overReservation?: boolean;
  /** null = unpriced model (not free). */
  costUsd: number | null;
  priced: boolean;
  status: number;
  outcome: UsageOutcome;
  errorCode: string | null;
  stream: boolean;
  latencyMs: number;
  ttftMs: number | null;
  clientIp: string | null;
  userAgent: string | null;
  /** Absent or null when the prompt was not scanned or nothing was found. */
  findings?: ClassificationFindings | null;
  /** Attribution values in effect {dimension: value}; absent or empty when none apply. */
  dimensions?: Readonly<Record<string, string>> | null;
  /** The end user the request named (hashed when the org chose so); absent when none. */
  endUser?: string | null;
  /** Names of the degrade rules that applied (comma-separated); absent when none did. */
  degradedBy?: string | null;
  /** The model the client asked for, when a degrade rule routed it to `model`; absent otherwise. */
  requestedModel?: string | null;
  createdAt: Date;
};
