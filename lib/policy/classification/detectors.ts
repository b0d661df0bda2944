// The detector contract and the built-in registry. A detector names a class of data and the level
// it is classified at; scan.ts runs the ones above a request's allowed level.
import { SECRET_DETECTORS } from "@/lib/policy/classification/secrets";
import { PERSONAL_DETECTORS } from "@/lib/policy/classification/personal";
import { NATIONAL_ID_DETECTORS } from "@/lib/policy/classification/national-ids";
import type { Level, LevelRank } from "@/lib/policy/classification/levels";

export type Detector = {
  /** The finding class that findings, errors and placeholders name: never the matched text. */
  id: string;
  level: LevelRank;
  /**
   * Global regex yielding candidates; quantifiers bounded so each start position costs O(1). A
   * named group `before` inside a lookbehind extends the hit leftwards: it lets a pattern begin
   * at a rare literal (an email's "@"), which V8 skips ahead to instead of trying every position.
   */
  pattern: RegExp;
  /** A substring every hit contains (case-sensitive): when the text lacks it the regex is skipped. */
  hint?: string;
  /** Confirms a candidate: true for all of it, a number for a confirmed prefix length, false to drop it. */
  confirm?: (candidate: string) => boolean | number;
};

export type BuiltInDetector = Omit<Detector, "level"> & { group: "secret" | "personal"; defaultLevel: Level };

/**
 * In priority order: when two detectors match overlapping text the earlier one keeps it (a
 * connection string's "user:pw@host" is not also an email, an IBAN's digits not also a card).
 */
export const BUILT_IN_DETECTORS: readonly BuiltInDetector[] = [...SECRET_DETECTORS, ...PERSONAL_DETECTORS, ...NATIONAL_ID_DETECTORS];

export const BUILT_IN_IDS = BUILT_IN_DETECTORS.map((d) => d.id) as readonly string[];
