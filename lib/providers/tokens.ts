/** Rough chars-per-token ratio shared by every estimate Latch makes when a provider reports none. */
export const CHARS_PER_TOKEN = 4;

export function estimateTokensFromChars(chars: number): number {
  return chars > 0 ? Math.ceil(chars / CHARS_PER_TOKEN) : 0;
}

export function estimateTokens(text: string): number {
  return estimateTokensFromChars(text.length);
}
