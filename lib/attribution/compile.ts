// Dimensions compiled once per org snapshot (allowed values as sets, team defaults as a map) and
// the pure checks both the key verbs and the gateway run against them.
import { InvalidRequestError } from "@/lib/errors";
import { DimensionValue } from "@/lib/attribution/schemas";

export type CompiledDimension = {
  name: string;
  /** null: free text. */
  values: ReadonlySet<string> | null;
  required: boolean;
  defaultValue: string | null;
  teamDefaults: ReadonlyMap<string, string>;
};
export type Dimensions = ReadonlyMap<string, CompiledDimension>;

type DimensionRow = { name: string; values: string[]; required: boolean; defaultValue: string | null; teamDefaults: unknown };

export function compileDimensions(rows: readonly DimensionRow[]): Dimensions {
  const out = new Map<string, CompiledDimension>();
  for (const r of rows) {
    const teamDefaults = new Map(
      Object.entries((r.teamDefaults ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
    out.set(r.name, { name: r.name, values: r.values.length ? new Set(r.values) : null, required: r.required, defaultValue: r.defaultValue, teamDefaults });
  }
  return out;
}

/** Why `value` is not acceptable for `dim`, or null when it is. */
export function valueProblem(dim: CompiledDimension | undefined, value: string): string | null {
  if (!dim) return "is not an attribution dimension of this organisation";
  if (!DimensionValue.safeParse(value).success) return "has a malformed value";
  if (dim.values && !dim.values.has(value)) return `must be one of: ${[...dim.values].join(", ")}`;
  return null;
}

/** Checks a key's own values and its per-request dimensions against the org's definitions. */
export function assertKeyDimensions(dims: Dimensions, values: Readonly<Record<string, string>>, requestTags: readonly string[]): void {
  for (const [name, value] of Object.entries(values)) {
    const problem = valueProblem(dims.get(name), value);
    if (problem) throw new InvalidRequestError(`Dimension \`${name}\` ${problem}.`, `dimensions.${name}`, "invalid_dimension");
  }
  for (const name of requestTags)
    if (!dims.has(name)) throw new InvalidRequestError(`\`${name}\` is not an attribution dimension of this organisation.`, "requestTags", "invalid_dimension");
}

/** The value a dimension falls back to for a key without its own: the team's default, then the dimension's. */
export const fallbackValue = (dim: CompiledDimension, teamId: string | null): string | null =>
  (teamId ? dim.teamDefaults.get(teamId) : undefined) ?? dim.defaultValue;
