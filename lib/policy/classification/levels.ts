// Sensitivity levels and actions. Levels are stored by name (settings, VirtualKey.maxSensitivity)
// but compared by rank, so the hot path never looks a name up.

/** Ordered from least to most sensitive. A fixed ladder: keys, teams and detectors all name these. */
export const LEVELS = ["public", "internal", "confidential", "restricted"] as const;
export type Level = (typeof LEVELS)[number];
export type LevelRank = 0 | 1 | 2 | 3;

/** The top rank: a limit at this level allows everything, so no detector needs to run. */
export const TOP_RANK: LevelRank = 3;

export const rankOf = (level: Level): LevelRank => LEVELS.indexOf(level) as LevelRank;

/** A level name's rank; undefined for anything else. */
export function levelRank(value: unknown): LevelRank | undefined {
  const i = LEVELS.indexOf(value as Level);
  return i < 0 ? undefined : (i as LevelRank);
}

/**
 * A stored limit: null when unset. A set but unknown name (a hand-edited row, a renamed level)
 * reads as the strictest level, so a typo never loosens a limit.
 */
export function parseLimit(value: unknown): LevelRank | null {
  if (value === null || value === undefined) return null;
  return levelRank(value) ?? 0;
}

/** Ordered from least to most restrictive: when several scopes set one, the last listed wins. */
export const ACTIONS = ["log_only", "redact", "block"] as const;
export type Action = (typeof ACTIONS)[number];

/** A stored action: null when unset; a set but unknown one reads as "block" (fail closed). */
export function parseAction(value: unknown): Action | null {
  if (value === null || value === undefined) return null;
  return ACTIONS.includes(value as Action) ? (value as Action) : "block";
}

export const stricterAction = (a: Action, b: Action): Action => (ACTIONS.indexOf(a) >= ACTIONS.indexOf(b) ? a : b);
