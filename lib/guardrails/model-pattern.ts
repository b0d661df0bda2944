// The grammar of a model pattern (lib/policy/model-glob.ts): literal model-name characters with
// `*` as the one wildcard, optionally qualified by a provider (`anthropic/*`). Enforced where a
// person or a token writes one, so `[[[`, `***`, `gpt 4o` or markup never become a rule or a request.
import { z } from "zod";

const CHARS = "[A-Za-z0-9._:@+=/-]+";
// Literal runs separated by single stars; written without nested quantifiers so a long invalid
// input cannot make the check backtrack.
const PATTERN = new RegExp(`^(?:\\*|\\*?${CHARS}(?:\\*${CHARS})*\\*?)$`);

export const MODEL_PATTERN_HINT = "letters, digits and . _ - : / @, with * as a wildcard (e.g. gpt-4o* or anthropic/*)";

export const isModelPattern = (p: string) => p.length <= 200 && PATTERN.test(p) && !p.includes("//");

export const ModelPattern = z
  .string()
  .trim()
  .min(1)
  .max(200, "A model pattern has at most 200 characters.")
  .refine(isModelPattern, `Not a valid model pattern: use ${MODEL_PATTERN_HINT}.`);

/** For a form's list of patterns: one message naming every invalid entry. */
export function invalidPatternsMessage(patterns: readonly string[]): string | null {
  const bad = patterns.filter((p) => !isModelPattern(p));
  if (bad.length === 0) return null;
  const shown = bad
    .slice(0, 3)
    .map((p) => `“${p.length > 40 ? `${p.slice(0, 40)}…` : p}”`)
    .join(", ");
  return `${shown} ${bad.length === 1 ? "is not a valid model pattern" : "are not valid model patterns"}: use ${MODEL_PATTERN_HINT}.`;
}
