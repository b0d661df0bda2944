// Policy resolution (strictest of key/team/org), text extraction per endpoint, redaction without
// mutating the client's body, and the gateway step's three actions.
import { describe, expect, it } from "vitest";
import type { RequestContext } from "@/lib/gateway/request-context";
import { compileOrgClassification, effectivePolicy, scopeLimit } from "@/lib/policy/classification/policy";
import { textParts } from "@/lib/policy/classification/text-parts";
import { classifyPrompt, SCAN_LIMIT_CHARS } from "@/lib/policy/classification/enforce";
import type { LatchError } from "@/lib/errors";

const none = scopeLimit(null, null);
const org = (settings: Record<string, unknown> = {}, teams: { id: string; classification: unknown }[] = []) => compileOrgClassification(settings, teams);

describe("effectivePolicy", () => {
  it("skips scanning when no scope sets a level, or the level is the top one", () => {
    expect(effectivePolicy(none, null, org())).toBeNull();
    expect(effectivePolicy(scopeLimit("restricted", "block"), null, org())).toBeNull();
  });

  it("takes the lowest level and the most restrictive action of key, team and org", () => {
    const o = org({ maxLevel: "confidential", action: "redact" }, [{ id: "t1", classification: { maxLevel: "internal", action: "log_only" } }]);
    expect(effectivePolicy(none, null, o)).toMatchObject({ maxLevel: 2, action: "redact" });
    expect(effectivePolicy(none, "t1", o)).toMatchObject({ maxLevel: 1, action: "redact" });
    expect(effectivePolicy(scopeLimit("public", "log_only"), "t1", o)).toMatchObject({ maxLevel: 0, action: "redact" });
    expect(effectivePolicy(scopeLimit(null, "block"), "t1", o)).toMatchObject({ maxLevel: 1, action: "block" });
    expect(effectivePolicy(scopeLimit("internal", null), null, org())).toMatchObject({ action: "block" });
  });

  it("runs only the detectors above the allowed level, with the org's re-levelling", () => {
    const ids = (p: ReturnType<typeof effectivePolicy>) => p?.detectors.map((d) => d.id) ?? [];
    const confidential = effectivePolicy(scopeLimit("confidential", null), null, org());
    expect(ids(confidential)).toContain("credit_card");
    expect(ids(confidential)).not.toContain("email");
    const relevelled = org({ detectorLevels: { email: "restricted", credit_card: "public" } });
    expect(ids(effectivePolicy(scopeLimit("confidential", null), null, relevelled))).toContain("email");
    expect(ids(effectivePolicy(scopeLimit("internal", null), null, relevelled))).not.toContain("credit_card");
  });

  it("reads a set but unknown level as the strictest and an unknown action as block", () => {
    expect(effectivePolicy(scopeLimit("top-secret", "shrug"), null, org())).toMatchObject({ maxLevel: 0, action: "block" });
  });

  it("adds org patterns and keywords, skipping one that no longer compiles", () => {
    const o = org({
      patterns: [
        { name: "ticket", pattern: "OPS-\\d{4}", level: "confidential" },
        { name: "bad", pattern: "(a+)+", level: "restricted" },
      ],
      keywords: [{ name: "codename", words: ["falcon"], level: "restricted" }],
    });
    const ids = effectivePolicy(scopeLimit("internal", null), null, o)!.detectors.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(["ticket", "codename"]));
    expect(ids).not.toContain("bad");
  });
});

describe("textParts", () => {
  it("collects chat message text, content parts and tool calls, but not images", () => {
    const slots = textParts("chat.completions", {
      messages: [
        { role: "system", content: "sys" },
        {
          role: "user",
          content: [
            { type: "text", text: "hello" },
            { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
          ],
        },
        { role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: '{"q":1}' } }] },
        { role: "tool", tool_call_id: "c", content: "result" },
      ],
    });
    expect(slots.map((s) => s.text)).toEqual(["sys", "hello", '{"q":1}', "result"]);
    expect(slots[1]!.path).toEqual(["messages", 1, "content", 0, "text"]);
  });

  it("collects Anthropic system blocks, text and tool results", () => {
    const slots = textParts("messages", {
      system: [{ type: "text", text: "sys" }],
      messages: [
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "t", content: [{ type: "text", text: "out" }] },
            { type: "image", source: {} },
            { type: "text", text: "q" },
          ],
        },
      ],
    });
    expect(slots.map((s) => s.text)).toEqual(["sys", "out", "q"]);
  });

  it("covers responses, completions and embeddings inputs", () => {
    expect(
      textParts("responses", {
        instructions: "i",
        input: [
          { role: "user", content: [{ type: "input_text", text: "t" }] },
          { type: "function_call_output", output: "o" },
        ],
      }).map((s) => s.text),
    ).toEqual(["i", "t", "o"]);
    expect(textParts("completions", { prompt: ["a", "b"] }).map((s) => s.text)).toEqual(["a", "b"]);
    expect(textParts("embeddings", { input: [[1, 2, 3]] })).toEqual([]);
  });
});

describe("classifyPrompt", () => {
  const ctx = (maxLevel: string | null, action: string | null) =>
    ({ key: { teamId: null, classification: scopeLimit(maxLevel, action) }, org: { classification: org() } }) as unknown as RequestContext;
  const card = "4111 1111 1111 1111";
  const body = () => ({
    model: "m",
    messages: [
      { role: "system", content: "be brief" },
      { role: "user", content: [{ type: "text", text: `pay with ${card}, mail me at a.b@example.com` }] },
    ],
  });

  it("returns the body untouched (same object) when nothing is found or nothing is limited", () => {
    const clean = { model: "m", messages: [{ role: "user", content: "order 7000000000000005" }] };
    expect(classifyPrompt(ctx("public", "block"), "chat.completions", clean)).toBe(clean);
    const b = body();
    expect(classifyPrompt(ctx(null, null), "chat.completions", b)).toBe(b);
  });

  it("blocks naming the classes above the level, never the text", () => {
    const c = ctx("internal", "block");
    const error = (() => {
      try {
        classifyPrompt(c, "chat.completions", body());
      } catch (e) {
        return e as LatchError;
      }
    })();
    expect(error).toMatchObject({ status: 403, code: "data_classification_blocked", details: { detectors: ["credit_card"] } });
    expect(JSON.stringify({ message: error?.message, details: error?.details })).not.toMatch(/4111|a\.b@/);
    expect(c.findings).toEqual({ action: "block", classes: { credit_card: 1 } });
  });

  it("redacts into a copy, leaving the client's body and the allowed email as they were", () => {
    const original = body();
    const snapshot = structuredClone(original);
    const out = classifyPrompt(ctx("internal", "redact"), "chat.completions", original) as ReturnType<typeof body>;
    expect(original).toEqual(snapshot);
    expect(out.messages[1]!.content).toEqual([{ type: "text", text: "pay with [REDACTED_CREDIT_CARD], mail me at a.b@example.com" }]);
    expect(out.messages[0]).toBe(original.messages[0]); // untouched branches are shared
  });

  it("only records with log_only", () => {
    const c = ctx("public", "log_only");
    const b = body();
    expect(classifyPrompt(c, "chat.completions", b)).toBe(b);
    expect(c.findings).toEqual({ action: "log_only", classes: { credit_card: 1, email: 1 } });
  });

  it("refuses text over the scan limit unless the action is log_only", () => {
    const huge = { model: "m", messages: [{ role: "user", content: `${"x".repeat(SCAN_LIMIT_CHARS)} ${card}` }] };
    expect(() => classifyPrompt(ctx("internal", "redact"), "chat.completions", huge)).toThrow(
      expect.objectContaining({ status: 413, code: "prompt_too_large_to_classify" }),
    );
    expect(classifyPrompt(ctx("internal", "log_only"), "chat.completions", huge)).toBe(huge);
  });
});
