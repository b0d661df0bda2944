// Anthropic betas on backends other than Anthropic's API. Bedrock and Vertex gate features
// themselves and answer 400 ("invalid beta flag") to a beta they do not know, so each keeps
// an explicit table: a beta maps to the backend's own name for it, and anything absent is dropped.

/** Client beta → the backend's name for it. */
export type BetaTable = Readonly<Record<string, string>>;

export function translateBetas(betas: readonly string[] | undefined, table: BetaTable): string[] {
  const out = new Set<string>();
  for (const beta of betas ?? []) {
    const name = table[beta];
    if (name) out.add(name);
  }
  return [...out];
}
