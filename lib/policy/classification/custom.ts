// Org-defined detectors: admin regexes and keyword lists, compiled once at org-cache fill.
//
// Admin regexes run on V8's backtracking engine (a linear-time engine in JS, re2js, measured
// ~1 ms per pattern on 4 KB: too slow for the hot path). So instead of a timeout, a pattern is
// accepted only in a subset whose backtracking is bounded per start position, checked on the AST
// (@eslint-community/regexpp, the parser ESLint uses):
// - no backreferences or lookarounds;
// - star height 1: a repeated element contains no repetition and no alternation, so a repeat can
//   only be split one way (the (a+)+ and (a|a)* shapes of catastrophic backtracking);
// - unbounded repeats (*, +, {n,}) are rewritten to at most UNBOUNDED_CAP repetitions;
// - the product of repeat widths along any sequence (summed over alternatives), an upper bound on
//   the paths tried from one start position, is at most MAX_PATHS.
// Matching is then linear in the text, at most MAX_PATHS steps per character: measured ~20 ns a
// step on a loaded 2-core machine, so a hostile 1 Mi-character prompt (the scan limit) against
// the worst accepted pattern costs seconds, not the unbounded time of an exponential pattern.
// Real patterns (PRJ-\d+ = 64 paths, [A-Z]{2,5}-\d{3,8} = 24) cost a few µs per 4 KB.
import { RegExpParser, type AST } from "@eslint-community/regexpp";

type Alternative = AST.Alternative;
type Element = AST.Element;

export const MAX_PATTERN_LENGTH = 200;
export const UNBOUNDED_CAP = 64;
export const MAX_PATHS = 256;

class UnsafePattern extends Error {}

const parser = new RegExpParser({ ecmaVersion: 2025 });

function alternativesPaths(alternatives: readonly Alternative[], repeated: boolean): number {
  if (repeated && alternatives.length > 1) throw new UnsafePattern("alternation inside a repeated group can backtrack exponentially");
  return alternatives.reduce(
    (sum, alternative) => sum + alternative.elements.reduce((product: number, e: Element) => product * elementPaths(e, repeated), 1),
    0,
  );
}

function elementPaths(e: Element, repeated: boolean): number {
  // Exhaustive over Element["type"]; the throw keeps an unknown future node type out.
  switch (e.type) {
    case "Character":
    case "CharacterSet":
    case "CharacterClass":
    case "ExpressionCharacterClass":
      return 1;
    case "Assertion":
      if (e.kind === "lookahead" || e.kind === "lookbehind") throw new UnsafePattern("lookarounds are not supported");
      return 1;
    case "Backreference":
      throw new UnsafePattern("backreferences are not supported");
    case "Group":
    case "CapturingGroup":
      return alternativesPaths(e.alternatives, repeated);
    case "Quantifier": {
      if (repeated) throw new UnsafePattern("nested repetition can backtrack exponentially");
      elementPaths(e.element, true);
      if (e.max !== Infinity) return e.max - e.min + 1;
      if (e.min > UNBOUNDED_CAP) throw new UnsafePattern(`open-ended repetition from more than ${UNBOUNDED_CAP} is not supported`);
      return UNBOUNDED_CAP - e.min + 1;
    }
  }
  throw new UnsafePattern("unsupported syntax");
}

/** The pattern with unbounded repeats capped, or an UnsafePattern error saying why not. */
function rewrite(source: string): string {
  if (source.length > MAX_PATTERN_LENGTH) throw new UnsafePattern(`longer than ${MAX_PATTERN_LENGTH} characters`);
  let ast;
  try {
    ast = parser.parsePattern(source, 0, source.length, { unicode: true });
  } catch {
    throw new UnsafePattern("not a valid regular expression");
  }
  const paths = alternativesPaths(ast.alternatives, false);
  if (paths > MAX_PATHS) throw new UnsafePattern(`too many ways to match from one position (${paths} > ${MAX_PATHS}); use narrower repetition such as {1,20}`);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (alternatives: readonly Alternative[]) => {
    for (const alternative of alternatives)
      for (const e of alternative.elements) {
        if (e.type === "Quantifier" && e.max === Infinity)
          edits.push({ start: e.element.end, end: e.end, text: `{${e.min},${UNBOUNDED_CAP}}${e.greedy ? "" : "?"}` });
        if (e.type === "Group" || e.type === "CapturingGroup") visit(e.alternatives);
      }
  };
  visit(ast.alternatives);
  let out = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  if (new RegExp(out, "u").test("")) throw new UnsafePattern("matches empty text");
  return out;
}

/** Why an admin pattern is refused, or null when it is accepted (the settings verb's check). */
export function checkPattern(source: string): string | null {
  try {
    rewrite(source);
    return null;
  } catch (error) {
    if (error instanceof UnsafePattern) return error.message;
    throw error;
  }
}

/** Compiles an accepted pattern; throws for a refused one (callers skip it). */
export function compilePattern(source: string, ignoreCase: boolean): RegExp {
  return new RegExp(rewrite(source), ignoreCase ? "giu" : "gu");
}

// Syntax characters only: in unicode mode escaping anything else (such as "-") is an error.
const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

/**
 * One case-insensitive alternation for a keyword list, whole words only. V8 compiles literal
 * alternations well: 500 keywords scan 4 KB in ~20 µs, faster than an Aho–Corasick library
 * measured at ~120 µs. Longest first, so "project falcon" wins over "project".
 */
export function compileKeywords(words: readonly string[]): RegExp {
  const alternatives = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.split(/\s+/).map(escape).join("\\s{1,4}"));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_])`, "giu");
}
