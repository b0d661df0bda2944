// Builds a Usage from a reader's counts, leaving out the classes a response did not use, so a
// plain answer reads exactly as it did before classes existed.
import type { Usage } from "./types";

type Totals = Pick<Usage, "inputTokens" | "outputTokens" | "cachedInputTokens">;
type Classes = Omit<Usage, keyof Totals>;

export function usageWith(totals: Totals, classes: Classes): Usage {
  const usage: Usage = { ...totals };
  for (const [key, value] of Object.entries(classes) as [keyof Classes, Classes[keyof Classes]][]) {
    if (value !== undefined && value !== null && value !== 0 && value !== false) (usage as Record<string, unknown>)[key] = value;
  }
  return usage;
}
