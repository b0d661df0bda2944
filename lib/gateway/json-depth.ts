// JSON.parse takes any depth, but JSON.stringify (forwarding a body, storing one) and every
// recursive reader overflow the stack past a few thousand levels: a body is refused up front
// when it nests deeper than any real request does. Checked without recursion, stopping early.
import { InvalidRequestError } from "@/lib/errors";

/** Deeper than any tool schema or message list a client sends, far below where the stack gives out. */
export const MAX_JSON_DEPTH = 512;

export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

export function assertJsonDepth(value: unknown): void {
  if (nestsDeeperThan(value, MAX_JSON_DEPTH))
    throw new InvalidRequestError(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`, null, "invalid_json");
}
