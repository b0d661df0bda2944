// Stored shape of the classification settings (Organization.classification, Team.classification)
// and the settings verb's input. Admin patterns are refused here, at save time, with the reason.
import { z } from "zod";
import { ACTIONS, LEVELS } from "@/lib/policy/classification/levels";
import { BUILT_IN_IDS } from "@/lib/policy/classification/detectors";
import { checkPattern, MAX_PATTERN_LENGTH } from "@/lib/policy/classification/custom";

const level = z.enum(LEVELS);
const action = z.enum(ACTIONS);

/** Names become finding classes and placeholders ([REDACTED_PROJECT_CODENAME]), so keep them plain. */
const detectorName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "Use lower-case letters, digits and _ (at most 40), starting with a letter.")
  .refine((name) => !BUILT_IN_IDS.includes(name), "This name is taken by a built-in detector.");

export const ClassificationPattern = z.object({
  name: detectorName,
  pattern: z
    .string()
    .min(1)
    .max(MAX_PATTERN_LENGTH)
    .superRefine((source, ctx) => {
      const reason = checkPattern(source);
      if (reason) ctx.addIssue({ code: "custom", message: `Pattern refused: ${reason}.` });
    }),
  level,
  ignoreCase: z.boolean().default(false),
});

export const KeywordList = z.object({
  name: detectorName,
  words: z.array(z.string().trim().min(2).max(100)).min(1).max(500),
  level,
});

export const OrgClassificationSettings = z
  .object({
    /** The highest level any key of the org may send; null = no org-wide limit. */
    maxLevel: level.nullable().default(null),
    /** What happens above the limit; null = "block" unless a key or team sets one. */
    action: action.nullable().default(null),
    /** Re-levels built-in detectors (e.g. email → confidential); "public" turns one off. */
    detectorLevels: z
      .record(
        z.string().refine((id) => BUILT_IN_IDS.includes(id), "Unknown built-in detector."),
        level,
      )
      .default({}),
    patterns: z.array(ClassificationPattern).max(50).default([]),
    keywords: z.array(KeywordList).max(20).default([]),
  })
  .superRefine((settings, ctx) => {
    const names = [...settings.patterns, ...settings.keywords].map((d) => d.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate) ctx.addIssue({ code: "custom", path: ["patterns"], message: `Detector name "${duplicate}" is used twice.` });
  });
export type OrgClassificationSettings = z.output<typeof OrgClassificationSettings>;

/** A team's or key's own limit; both null = none of its own (the other scopes decide). */
export const ScopeClassificationSettings = z.object({ maxLevel: level.nullable().default(null), action: action.nullable().default(null) });

export const UpdateClassificationInput = z.object({
  org: OrgClassificationSettings.optional(),
  /** Each team or key listed is replaced; those not listed keep their settings. */
  teams: z
    .array(ScopeClassificationSettings.extend({ teamId: z.string().min(1) }))
    .max(500)
    .optional(),
  keys: z
    .array(ScopeClassificationSettings.extend({ keyId: z.string().min(1) }))
    .max(500)
    .optional(),
});
export type UpdateClassificationInput = z.input<typeof UpdateClassificationInput>;
