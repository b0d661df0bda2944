// Defensive readers for untrusted JSON (client bodies and upstream responses).

export type JsonObject = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

export function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Builds a matcher for string values of the given keys, e.g. `"content":"..."`. */
export function stringFieldPattern(keys: readonly string[]): RegExp {
  return new RegExp(`"(?:${keys.join("|")})"\\s*:\\s*"([^"\\\\]*(?:\\\\.[^"\\\\]*)*)"`, "g");
}

/** Hands every string value matched by `pattern` (a global regex), still escaped, to `sink`. */
export function collectStringFields(data: string, pattern: RegExp, sink: (escapedBody: string) => void): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(data); m !== null; m = pattern.exec(data)) sink(m[1] ?? "");
}
