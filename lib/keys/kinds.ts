// Key kinds: what a key is for. Pure (zod only) so client forms can list them too.
import { z } from "zod";

export const KEY_KINDS = ["personal", "application", "service", "agent", "ci"] as const;
export const KeyKind = z.enum(KEY_KINDS);
export type KeyKind = z.infer<typeof KeyKind>;

export const KIND_LABELS: Record<KeyKind, string> = { personal: "Personal", application: "Application", service: "Service", agent: "Agent", ci: "CI" };
