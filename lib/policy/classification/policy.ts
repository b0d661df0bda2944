// Compiles classification settings at cache fill and resolves one request's effective policy.
//
// Effective policy = the strictest of key, team and org: the lowest maxLevel any of them sets, and
// the most restrictive action any of them sets (block > redact > log_only; "block" when none
// does). A key or team can therefore only tighten what the org allows, never loosen it: a key set
// to log_only under an org that blocks still blocks.
import { BUILT_IN_DETECTORS, type Detector } from "@/lib/policy/classification/detectors";
import { compileKeywords, compilePattern } from "@/lib/policy/classification/custom";
import { LEVELS, levelRank, parseAction, parseLimit, rankOf, stricterAction, TOP_RANK, type Action, type LevelRank } from "@/lib/policy/classification/levels";
import { logWarn } from "@/lib/log";

/** One scope's own setting; null fields are unset (the other scopes decide). */
export type ScopeLimit = { maxLevel: LevelRank | null; action: Action | null };

export type OrgClassification = {
  org: ScopeLimit;
  teams: ReadonlyMap<string, ScopeLimit>;
  /** Indexed by allowed rank: the detectors classified above it, in priority order. */
  above: readonly (readonly Detector[])[];
};

export type EffectivePolicy = { maxLevel: LevelRank; action: Action; detectors: readonly Detector[] };

const NO_LIMIT: ScopeLimit = { maxLevel: null, action: null };
const asRecord = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const asArray = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(asRecord) : []);

export function scopeLimit(maxLevel: unknown, action: unknown): ScopeLimit {
  const limit = { maxLevel: parseLimit(maxLevel), action: parseAction(action) };
  return limit.maxLevel === null && limit.action === null ? NO_LIMIT : limit;
}

export const compileKeyClassification = (row: { maxSensitivity: string | null; sensitivityAction: string | null }) =>
  scopeLimit(row.maxSensitivity, row.sensitivityAction);

/**
 * A custom detector that no longer compiles is skipped (and said so), never fatal to the snapshot.
 * An unreadable level reads as the top one, so the detector still fires under any limit.
 */
function custom(name: unknown, level: unknown, compile: () => RegExp): Detector | null {
  try {
    return { id: String(name), level: levelRank(level) ?? TOP_RANK, pattern: compile() };
  } catch {
    logWarn("classification detector skipped: does not compile", { detector: String(name) });
    return null;
  }
}

/**
 * Stored JSON (validated by schemas.ts on write) into detectors and limits. Read field by field
 * and leniently: a bad row degrades one detector, and unknown levels read as strict (levels.ts).
 */
export function compileOrgClassification(settings: unknown, teams: readonly { id: string; classification: unknown }[]): OrgClassification {
  const s = asRecord(settings);
  const levels = asRecord(s.detectorLevels);
  const detectors: Detector[] = BUILT_IN_DETECTORS.map(({ group: _group, defaultLevel, ...d }) => ({
    ...d,
    level: levelRank(levels[d.id]) ?? rankOf(defaultLevel),
  }));
  for (const p of asArray(s.patterns)) {
    const d = custom(p.name, p.level, () => compilePattern(String(p.pattern), p.ignoreCase === true));
    if (d) detectors.push(d);
  }
  for (const k of asArray(s.keywords)) {
    const words = Array.isArray(k.words) ? k.words.filter((w): w is string => typeof w === "string") : [];
    const d = words.length ? custom(k.name, k.level, () => compileKeywords(words)) : null;
    if (d) detectors.push(d);
  }
  const teamLimits = new Map<string, ScopeLimit>();
  for (const t of teams) {
    const c = asRecord(t.classification);
    const limit = scopeLimit(c.maxLevel, c.action);
    if (limit !== NO_LIMIT) teamLimits.set(t.id, limit);
  }
  return {
    org: scopeLimit(s.maxLevel, s.action),
    teams: teamLimits,
    above: LEVELS.map((_, rank) => detectors.filter((d) => d.level > rank)),
  };
}

/** Null when nothing can be above the limit: the request is not scanned at all. */
export function effectivePolicy(key: ScopeLimit, teamId: string | null, org: OrgClassification): EffectivePolicy | null {
  let maxLevel: LevelRank | null = null;
  let action: Action | null = null;
  for (const scope of [key, teamId === null ? undefined : org.teams.get(teamId), org.org]) {
    if (!scope) continue;
    if (scope.maxLevel !== null) maxLevel = maxLevel === null ? scope.maxLevel : (Math.min(maxLevel, scope.maxLevel) as LevelRank);
    if (scope.action !== null) action = action === null ? scope.action : stricterAction(action, scope.action);
  }
  if (maxLevel === null || maxLevel === TOP_RANK) return null;
  const detectors = org.above[maxLevel]!;
  return detectors.length ? { maxLevel, action: action ?? "block", detectors } : null;
}

export const EMPTY_ORG_CLASSIFICATION: OrgClassification = { org: NO_LIMIT, teams: new Map(), above: LEVELS.map(() => []) };
