// Stored per-tool prices ({tool: usd}) read leniently: an entry that is not a price is left out
// (the tool then costs the server's price per call), so one bad row never breaks the catalog.
export function readToolPrices(value: unknown): Record<string, number> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === "number" && e[1] >= 0 && Number.isFinite(e[1])));
}
