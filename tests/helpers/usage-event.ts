// A minimal, valid usage event of one org, for tests that hand events to the usage pipeline
// directly. Type-only imports: loading it connects nothing (some tests choose Redis first).
import { randomUUID } from "node:crypto";
import type { UsageEvent } from "@/lib/usage/event";

export function testUsageEvent(orgId: string, overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    id: `req_${randomUUID().replaceAll("-", "")}`,
    orgId,
    keyId: null,
    userId: null,
    teamId: null,
    provider: "openai",
    model: "gpt-4o-mini",
    endpoint: "chat.completions",
    inputTokens: 1,
    outputTokens: 1,
    cachedInputTokens: 0,
    costUsd: 0,
    priced: true,
    status: 200,
    outcome: "success",
    errorCode: null,
    stream: false,
    latencyMs: 1,
    ttftMs: null,
    clientIp: null,
    userAgent: null,
    createdAt: new Date(),
    ...overrides,
  };
}
