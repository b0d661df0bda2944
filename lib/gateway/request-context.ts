// Everything the gateway learns about one request, filled in step by step and metered once.
import { randomUUID } from "node:crypto";
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot } from "@/lib/gateway/org-cache";
import type { Lease } from "@/lib/policy/limits";
import type { Endpoint, Usage } from "@/lib/providers/types";
import type { ClassificationFindings } from "@/lib/usage/event";
import { newTimings, type TimingMarks } from "@/lib/gateway/server-timing";
import { ENDPOINTS, type WireFormat } from "@/lib/gateway/endpoints";

export type RequestContext = {
  requestId: string;
  endpoint: Endpoint | "models";
  /** The wire format the client speaks: errors and headers are rendered in it. */
  format: WireFormat;
  startedAt: number;
  receivedAt: Date;
  clientIp: string | null;
  userAgent: string | null;
  key: CachedKey | null;
  org: OrgSnapshot | null;
  provider: string | null;
  model: string | null;
  stream: boolean;
  /** Input size in bytes, for estimating tokens when a provider reports none. */
  inputBytes: number;
  lease: Lease | null;
  firstByteAt: number | null;
  /** Set once the usage event was recorded: each request is metered exactly once. */
  metered: boolean;
  /** Phase marks for the optional Server-Timing header (null when LATCH_SERVER_TIMING is off). */
  timings: TimingMarks | null;
  /** Data-classification findings (classes and counts only), set when the prompt had any. */
  findings?: ClassificationFindings;
  /** Attribution in effect (key values, allowed tags, defaults) and the end user; set once the body is read. */
  dimensions?: Readonly<Record<string, string>>;
  endUser?: string | null;
  /** Degrade rules that applied and, when one routed the request, the model first asked for. */
  degradedBy?: string;
  requestedModel?: string;
};

export function createContext(
  endpoint: RequestContext["endpoint"],
  clientIp: string | null,
  userAgent: string | null,
  format: WireFormat = endpoint === "models" ? "openai-api" : ENDPOINTS[endpoint].format,
): RequestContext {
  return {
    requestId: `req_${randomUUID().replaceAll("-", "")}`,
    endpoint,
    format,
    startedAt: performance.now(),
    receivedAt: new Date(),
    clientIp,
    userAgent,
    key: null,
    org: null,
    provider: null,
    model: null,
    stream: false,
    inputBytes: 0,
    lease: null,
    firstByteAt: null,
    metered: false,
    timings: newTimings(),
  };
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
