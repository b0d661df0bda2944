// Tool names on the aggregated endpoint: `<server>__<tool>`. Server slugs cannot contain "_",
// so the first "__" always separates them and two servers' tools can never collide.
export const SEPARATOR = "__";

export const namespaced = (server: string, tool: string) => `${server}${SEPARATOR}${tool}`;

export function splitName(name: string): { server: string; tool: string } | null {
  const at = name.indexOf(SEPARATOR);
  if (at <= 0 || at + SEPARATOR.length >= name.length) return null;
  return { server: name.slice(0, at), tool: name.slice(at + SEPARATOR.length) };
}
