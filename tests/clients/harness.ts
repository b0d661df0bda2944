// What every real-client suite shares: the fake provider (scripted agent turns included), a
// gateway serving the whole app on loopback, an org with a GPT route and a Claude route, one
// virtual key, and what the fake received and the gateway metered.
import { startFakeProvider, type FakeProvider, type RecordedRequest } from "@/e2e/fixtures/fake-provider";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { cleanupClis } from "./run-cli";

export { ANTHROPIC_SECRET, OPENAI_SECRET } from "@/tests/helpers/org";
export { RESULT_PREFIX, RUN_MARKER } from "@/e2e/fixtures/fake-provider";

/** Public route names in createTestOrg. */
export const GPT_MODEL = "gpt-4o-mini";
export const CLAUDE_MODEL = "claude-haiku";
/** What those routes call upstream, as usage events record it. */
export const UPSTREAM_MODEL: Record<string, string> = { [GPT_MODEL]: "gpt-4o-mini", [CLAUDE_MODEL]: "claude-3-5-haiku-latest" };

type UsageEvent = Awaited<ReturnType<typeof db.usageEvent.findMany>>[number];

export type Rig = {
  fake: FakeProvider;
  gateway: TestGateway;
  org: TestOrg;
  key: { id: string; secret: string };
  /** Requests the fake received on a route (path without query, e.g. "/v1/messages"). */
  received(path: string): RecordedRequest[];
  /** A further key, so a test can count what was metered on it alone. */
  newKey(): Promise<{ id: string; secret: string }>;
  /** Usage events metered on a key (the rig's by default) matching `where`, once at least `min` exist. */
  usage(opts?: { keyId?: string; min?: number; where?: (e: UsageEvent) => boolean }): Promise<UsageEvent[]>;
  close(): Promise<void>;
};

export async function startRig(): Promise<Rig> {
  const fake = await startFakeProvider();
  const gateway = await startAppServer();
  const org = await createTestOrg(fake.url);
  const { id, secret } = await org.key({ name: "client conformance" });
  return {
    fake,
    gateway,
    org,
    key: { id, secret },
    received: (path) => fake.requests.filter((r) => r.path.split("?")[0] === path),
    newKey: async () => {
      const created = await org.key({ name: "client conformance (one test)" });
      return { id: created.id, secret: created.secret };
    },
    usage: ({ keyId = id, min = 1, where = () => true } = {}) =>
      waitFor(async () => {
        const events = (await db.usageEvent.findMany({ where: { keyId }, orderBy: { createdAt: "asc" } })).filter(where);
        return events.length >= min ? events : null;
      }, 10_000),
    close: async () => {
      cleanupClis();
      await gateway.close();
      await fake.close();
    },
  };
}

/** Every header value the fake saw for `name`, comma-joined values split apart. */
export function headerValues(requests: RecordedRequest[], name: string): string[] {
  return [
    ...new Set(
      requests.flatMap((r) =>
        (r.headers[name] ?? "")
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ),
  ];
}

/** Whether the raw secret appears anywhere in what the fake received (headers or body). */
export function leaked(requests: RecordedRequest[], secret: string): boolean {
  return requests.some((r) => r.body.includes(secret) || Object.values(r.headers).some((v) => v.includes(secret)));
}
