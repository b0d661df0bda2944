// The data-classification scan of tool calls, with the detectors and the key/team/org policy
// the chat path uses (lib/policy/classification): arguments before they reach the upstream,
// results before they reach the client. block refuses naming the classes, redact sends
// placeholders ("[REDACTED_EMAIL]") instead, log_only lets it through; every finding (classes
// and counts, never the text) goes on the call's ToolCallEvent.
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { LEVELS } from "@/lib/policy/classification/levels";
import { effectivePolicy, type EffectivePolicy } from "@/lib/policy/classification/policy";
import { redactText, withTexts } from "@/lib/policy/classification/redact";
import { SCAN_LIMIT_CHARS } from "@/lib/policy/classification/enforce";
import { scan } from "@/lib/policy/classification/scan";
import type { TextSlot } from "@/lib/policy/classification/text-parts";
import type { McpContext } from "@/lib/mcp/gateway/context";

export type ToolFindings = { action: EffectivePolicy["action"]; arguments?: Record<string, number>; result?: Record<string, number> };

/** Keys whose strings are not text a person wrote: content types, MIME types, base64 payloads. */
const NOT_TEXT = new Set(["type", "mimeType", "data", "blob"]);

function strings(value: unknown, path: (string | number)[], out: TextSlot[]): void {
  if (typeof value === "string") out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, [...path, i], out));
  else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) if (!NOT_TEXT.has(k) || typeof v !== "string") strings(v, [...path, k], out);
}

/** A refusal that also carries what was found (none when the text was too large to scan), for the call's event. */
export class ClassificationRefusal extends McpError {
  constructor(
    readonly reason: "data_classification_blocked" | "too_large_to_classify",
    message: string,
    readonly classes: Record<string, number> | null,
  ) {
    super(reason === "data_classification_blocked" ? ErrorCode.InvalidParams : ErrorCode.InvalidRequest, message, {
      code: reason,
      rule: "classification",
      ...(classes ? { detectors: Object.keys(classes).sort() } : {}),
    });
  }
}

export const policyFor = (ctx: McpContext) => effectivePolicy(ctx.key.classification, ctx.key.teamId, ctx.org.classification);

/**
 * Scans every string of `value` (the arguments object, or a tool result). Returns the value to
 * pass on (the same object, or a redacted copy) and the classes found, or throws when blocked.
 */
export function classify<T extends Record<string, unknown>>(
  policy: EffectivePolicy,
  value: T,
  what: "arguments" | "result",
): { value: T; classes: Record<string, number> | null } {
  const slots: TextSlot[] = [];
  strings(value, [], slots);
  const size = slots.reduce((n, s) => n + s.text.length, 0);
  if (size > SCAN_LIMIT_CHARS && policy.action !== "log_only")
    throw new ClassificationRefusal(
      "too_large_to_classify",
      `This key's data-classification policy scans tool ${what} of at most ${SCAN_LIMIT_CHARS} characters of text.`,
      null,
    );
  const result = scan(
    slots.map((s) => s.text.slice(0, SCAN_LIMIT_CHARS)),
    policy.detectors,
  );
  if (result.total === 0) return { value, classes: null };
  if (policy.action === "block") {
    const classes = Object.keys(result.counts).sort();
    const subject = what === "arguments" ? "The tool call's arguments contain" : "The tool's result contains";
    throw new ClassificationRefusal(
      "data_classification_blocked",
      `${subject} data classified above this key's allowed level (${LEVELS[policy.maxLevel]}): ${classes.join(", ")}.`,
      result.counts,
    );
  }
  if (policy.action === "log_only") return { value, classes: result.counts };
  const edits: TextSlot[] = [];
  slots.forEach((slot, i) => {
    const hits = result.hits[i];
    if (hits) edits.push({ path: slot.path, text: redactText(slot.text, hits, policy.detectors) });
  });
  return { value: withTexts(value, edits) as T, classes: result.counts };
}
