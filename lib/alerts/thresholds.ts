// Which alert thresholds a settlement crossed: a threshold t fires when the total goes from
// below t% of the cap to at or above it. Pure, so it is tested without Redis.
export function crossedThresholds(before: number, after: number, limit: number, thresholds: readonly number[]): number[] {
  if (limit <= 0 || after <= before) return [];
  return thresholds.filter((t) => before < (limit * t) / 100 && after >= (limit * t) / 100);
}
