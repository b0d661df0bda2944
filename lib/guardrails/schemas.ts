// Guardrails for self-service keys, as stored in Organization.defaultKeyPolicy / maxKeyPolicy /
// approvalRules and Team.defaultKeyPolicy / maxKeyPolicy. Every field is optional in storage so
// an admin sets only what they care about; parsing fills the permissive defaults. Pure (no
// server imports) so the create form can run the same check in the browser.
import { z } from "zod";
import { ModelPattern } from "@/lib/guardrails/model-pattern";

// The portal's CSP refuses eval: in the browser zod must not even probe for it (`Function("")`),
// which the browser reports as a violation. The server keeps zod's faster compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

const pattern = z.string().trim().min(1).max(200);
const positiveInt = z.number().int().positive();
const usd = z.number().positive().max(1_000_000);

export const SPEND_PERIODS = ["daily", "weekly", "monthly", "lifetime"] as const;
export type SpendPeriod = (typeof SPEND_PERIODS)[number];

const VALUE_FIELDS = {
  /** Model patterns; empty = every model the org routes. */
  models: z.array(pattern).max(50),
  rpmLimit: positiveInt.max(1_000_000).nullable(),
  tpmLimit: positiveInt.max(100_000_000).nullable(),
  spendCapUsd: usd.nullable(),
  spendPeriod: z.enum(SPEND_PERIODS),
  /** Lifetime from creation (or from the edit); null = never expires. */
  expiresInDays: positiveInt.max(3650).nullable(),
  /** MCP tools (`server/tool` patterns, as in an MCP policy's allowedTools); empty = every tool the org allows. */
  tools: z.array(pattern).max(100),
};

/** What a developer asks for; also the shape of a key's defaults. */
export const KeyValues = z.object({
  models: VALUE_FIELDS.models.default([]),
  rpmLimit: VALUE_FIELDS.rpmLimit.default(null),
  tpmLimit: VALUE_FIELDS.tpmLimit.default(null),
  spendCapUsd: VALUE_FIELDS.spendCapUsd.default(null),
  spendPeriod: VALUE_FIELDS.spendPeriod.default("monthly"),
  expiresInDays: VALUE_FIELDS.expiresInDays.default(null),
  /** Absent: the ask says nothing about tools (a new key gets the guardrails' tools; an edit keeps the key's). */
  tools: VALUE_FIELDS.tools.optional(),
});
export type KeyValues = z.infer<typeof KeyValues>;

/** Stored in defaultKeyPolicy: the form's starting values. Absent fields fall back to the org's, then to KeyValues' defaults. */
export const KeyDefaults = z.object(VALUE_FIELDS).partial();
export type KeyDefaults = z.infer<typeof KeyDefaults>;

/** Stored in maxKeyPolicy: the most a developer may give themselves without approval. null = no limit. */
export const KeyLimits = z.object({
  allowedModels: z.array(pattern).max(200),
  /** MCP tools a developer may give their own key (`server/tool` globs); empty = no limit. */
  allowedTools: z.array(pattern).max(200),
  /** Compared with a cap's 30-day equivalent, so a daily cap cannot slip past a monthly maximum. */
  maxMonthlySpendUsd: usd.nullable(),
  maxRpm: positiveInt.nullable(),
  maxTpm: positiveInt.nullable(),
  /** Longest lifetime of a key that expires. */
  maxLifetimeDays: positiveInt.nullable(),
  allowNoExpiry: z.boolean(),
  /** Active keys one person may own at once. */
  maxActiveKeys: positiveInt.nullable(),
  /** Whether members may create keys owned by their team (meaningful on a team; an org value is every team's default). */
  allowTeamKeys: z.boolean(),
});
export type KeyLimits = z.infer<typeof KeyLimits>;
export const StoredKeyLimits = KeyLimits.partial();

// What an admin or a token writes: stored rows are read leniently (lib/guardrails/resolve.ts),
// new ones follow the model pattern grammar.
export const KeyDefaultsInput = KeyDefaults.extend({ models: z.array(ModelPattern).max(50).optional(), tools: z.array(ModelPattern).max(100).optional() });
export const KeyLimitsInput = StoredKeyLimits.extend({
  allowedModels: z.array(ModelPattern).max(200).optional(),
  allowedTools: z.array(ModelPattern).max(200).optional(),
});

export const GUARDRAIL_FIELDS = ["models", "spendCapUsd", "rpmLimit", "tpmLimit", "expiresInDays", "activeKeys", "teamKey", "tools"] as const;
export type GuardrailField = (typeof GUARDRAIL_FIELDS)[number];

/**
 * Stored in approvalRules: for each guardrail, what happens when a developer asks for more.
 * "approval" turns the form into a request; "forbidden" refuses outright. Unlisted = "approval".
 */
export const ApprovalRules = z.object({
  onExceed: z.partialRecord(z.enum(GUARDRAIL_FIELDS), z.enum(["approval", "forbidden"])).default({}),
});
export type ApprovalRules = z.infer<typeof ApprovalRules>;

export type Guardrails = {
  defaults: KeyValues;
  limits: KeyLimits;
  approval: Record<GuardrailField, "approval" | "forbidden">;
};

/** What an org with nothing configured gets: no limits, so installs that predate guardrails behave as before. */
export const OPEN_LIMITS: KeyLimits = {
  allowedModels: [],
  allowedTools: [],
  maxMonthlySpendUsd: null,
  maxRpm: null,
  maxTpm: null,
  maxLifetimeDays: null,
  allowNoExpiry: true,
  maxActiveKeys: null,
  allowTeamKeys: false,
};

/** One field over a guardrail, in the field's own units (USD, requests/min, days, patterns). */
export type GuardrailValue = string | number | boolean | string[] | null;
export type Exceeded = { field: GuardrailField; asked: GuardrailValue; allowed: GuardrailValue };
