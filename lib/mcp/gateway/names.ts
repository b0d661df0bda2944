// Names on the aggregated endpoint. Tools and prompts: `<server>__<name>`. Server slugs cannot
// contain "_", so the first "__" always separates them and two servers' names never collide.
// Resource URIs (and URI templates): `<server>+<uri>`, a URI whose scheme names the server
// (`github+repo://latch/readme`); slugs cannot contain "+", so the first "+" splits it.
export const SEPARATOR = "__";
const URI_SEPARATOR = "+";
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const namespaced = (server: string, tool: string) => `${server}${SEPARATOR}${tool}`;

export function splitName(name: string): { server: string; tool: string } | null {
  const at = name.indexOf(SEPARATOR);
  if (at <= 0 || at + SEPARATOR.length >= name.length) return null;
  return { server: name.slice(0, at), tool: name.slice(at + SEPARATOR.length) };
}

export const namespacedUri = (server: string, uri: string) => `${server}${URI_SEPARATOR}${uri}`;

export function splitUri(uri: string): { server: string; uri: string } | null {
  const at = uri.indexOf(URI_SEPARATOR);
  if (at <= 0 || at + 1 >= uri.length) return null;
  const server = uri.slice(0, at);
  return SLUG.test(server) ? { server, uri: uri.slice(at + 1) } : null;
}
