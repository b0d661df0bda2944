// Model patterns like `gpt-4o*` or `claude-*-haiku*`, matched against canonical `provider/model`
// names or bare model names. Only `*` is special; everything else is literal, so `bedrock/*`
// can never match `bedrockz/x`.
export type ModelMatcher = (canonical: string, bareModel: string) => boolean;

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}

/** A pattern containing "/" is matched against `provider/model`; otherwise against the model alone. */
export function compileModelPatterns(patterns: readonly string[]): ModelMatcher | null {
  if (patterns.length === 0) return null;
  const compiled = patterns.map((p) => ({ re: globToRegExp(p), qualified: p.includes("/") }));
  return (canonical, bareModel) => compiled.some(({ re, qualified }) => re.test(qualified ? canonical : bareModel));
}
