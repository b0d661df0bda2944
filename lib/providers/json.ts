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

/**
 * Length of a JSON string literal's body once unescaped, without decoding it: every escape is
 * one UTF-16 unit, `\uXXXX` included, so the result equals the decoded string's `.length`.
 */
export function unescapedLength(body: string): number {
  let n = body.length;
  let i = body.indexOf("\\");
  while (i !== -1) {
    const unicode = body.charCodeAt(i + 1) === 117; // "u"
    n -= unicode ? 5 : 1;
    i = body.indexOf("\\", i + (unicode ? 6 : 2));
  }
  return n;
}

/** Builds a matcher for string values of the given keys, e.g. `"content":"..."`. */
export function stringFieldPattern(keys: readonly string[]): RegExp {
  return new RegExp(`"(?:${keys.join("|")})"\\s*:\\s*"([^"\\\\]*(?:\\\\.[^"\\\\]*)*)"`, "g");
}

/** Total unescaped length of every string value matched by `pattern` (a global regex). */
export function sumStringFields(data: string, pattern: RegExp): number {
  let total = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(data); m !== null; m = pattern.exec(data)) {
    total += unescapedLength(m[1] ?? "");
  }
  return total;
}
