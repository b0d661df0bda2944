// The org's required attribution dimensions as a guardrail: a key (a developer's own included)
// is minted only with a value for each, its own or one its team or the dimension supplies.
import { InvalidRequestError } from "@/lib/errors";
import { fallbackValue, type Dimensions } from "@/lib/attribution/compile";

export function missingRequiredDimensions(dims: Dimensions, values: Readonly<Record<string, string>>, teamId: string | null): string[] {
  return [...dims.values()].filter((d) => d.required && values[d.name] === undefined && fallbackValue(d, teamId) === null).map((d) => d.name);
}

export function assertRequiredDimensions(dims: Dimensions, values: Readonly<Record<string, string>>, teamId: string | null): void {
  const [missing] = missingRequiredDimensions(dims, values, teamId);
  if (missing)
    throw new InvalidRequestError(
      `Pick a value for \`${missing}\`: this organisation requires one on every key.`,
      `dimensions.${missing}`,
      "dimension_required",
    );
}
