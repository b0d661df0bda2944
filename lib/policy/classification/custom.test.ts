// Admin-defined detectors: which regexes are accepted, how they are bounded, and keyword lists.
import { describe, expect, it } from "vitest";
import { checkPattern, compileKeywords, compilePattern, MAX_PATHS, UNBOUNDED_CAP } from "@/lib/policy/classification/custom";

const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[0]);

describe("checkPattern", () => {
  it("accepts plain classification patterns", () => {
    for (const ok of ["PRJ-\\d{4,6}", "\\bACME-[0-9]{6}\\b", "(?:falcon|osprey)-[A-Z]{3}\\d{2}", "EMP\\d+", "[a-z]{1,20}@acme\\.com", "^INTERNAL:"])
      expect(checkPattern(ok), ok).toBeNull();
  });

  it("refuses the shapes of catastrophic backtracking, with the reason", () => {
    expect(checkPattern("(a+)+$")).toMatch(/nested repetition/);
    expect(checkPattern("(\\w+\\s?)*$")).toMatch(/nested repetition/);
    expect(checkPattern("^(a|a)*$")).toMatch(/alternation inside a repeated group/);
    expect(checkPattern("(?:ab|cd){2,8}")).toMatch(/alternation inside a repeated group/);
  });

  it("refuses polynomial blow-ups by bounding the paths from one position", () => {
    // Two adjacent unbounded repeats: 64 × 64 ways to split a run of digits.
    expect(checkPattern("\\d+\\d+x")).toMatch(new RegExp(`> ${MAX_PATHS}`));
    expect(checkPattern(".*secret.*")).toMatch(/too many ways/);
    expect(checkPattern("[A-Z]{2,5}-\\d+")).toBeNull(); // 4 × 64 = 256 paths: within the bound
    expect(checkPattern("[A-Z]{1,5}-\\d+")).toMatch(/320 > 256/);
  });

  it("refuses backreferences, lookarounds, invalid syntax, empty matches and long patterns", () => {
    expect(checkPattern("(a)\\1")).toMatch(/backreferences/);
    expect(checkPattern("(?=a)b")).toMatch(/lookarounds/);
    expect(checkPattern("(?<!x)y")).toMatch(/lookarounds/);
    expect(checkPattern("[a-")).toMatch(/not a valid/);
    expect(checkPattern("a*")).toMatch(/empty/);
    expect(checkPattern("a".repeat(201))).toMatch(/longer than/);
  });
});

describe("compilePattern", () => {
  it(`caps open-ended repeats at ${UNBOUNDED_CAP} and keeps the meaning otherwise`, () => {
    const re = compilePattern("EMP\\d+", false);
    expect(re.source).toBe(`EMP\\d{1,${UNBOUNDED_CAP}}`);
    expect(all(re, "EMP42 and EMP7 but not emp9")).toEqual(["EMP42", "EMP7"]);
    expect(all(compilePattern("EMP\\d+", true), "emp9")).toEqual(["emp9"]);
    expect(compilePattern("x\\d*?y", false).source).toBe(`x\\d{0,${UNBOUNDED_CAP}}?y`);
  });

  it("runs an accepted pattern in linear time on hostile input", () => {
    const re = compilePattern("[a-z]+@acme\\.com", false);
    const hostile = "a".repeat(100_000);
    const started = performance.now();
    all(re, hostile);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("throws for a refused pattern", () => {
    expect(() => compilePattern("(a+)+", false)).toThrow();
  });
});

describe("compileKeywords", () => {
  it("matches whole words and phrases, case-insensitively, longest first", () => {
    const re = compileKeywords(["Falcon", "project falcon", "Ünïcode"]);
    expect(all(re, "Project  Falcon ships; falconry does not; FALCON does; ünïcode too")).toEqual(["Project  Falcon", "FALCON", "ünïcode"]);
  });

  it("treats regex syntax in keywords literally", () => {
    expect(all(compileKeywords(["a.b", "c+d", "(x)"]), "a.b axb c+d ccd (x)")).toEqual(["a.b", "c+d", "(x)"]);
  });
});
