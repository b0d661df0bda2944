// Next answers a method a route handler does not export with an empty 405. server.ts runs every
// request it hands to Next through this, so that answer gets a JSON body in the API's shape
// (SCIM's error schema under /scim, the management API's error object elsewhere).
import type http from "node:http";

function bodyFor(method: string, pathname: string): { type: string; text: string } {
  const detail = `${method} is not allowed on ${pathname}.`;
  if (pathname.startsWith("/scim/"))
    return {
      type: "application/scim+json",
      text: JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "405", detail }),
    };
  return {
    type: "application/json",
    text: JSON.stringify({ error: { message: detail, type: "invalid_request_error", code: "method_not_allowed", param: null } }),
  };
}

/** Gives an empty 405 written on `res` a JSON body; every other answer passes untouched. */
export function withJsonMethodNotAllowed(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
  if (req.method === "HEAD") return;
  let wrote = false;
  const write = res.write;
  res.write = function (this: http.ServerResponse, ...args: unknown[]) {
    wrote = true;
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof res.write;
  const end = res.end;
  res.end = function (this: http.ServerResponse, ...args: unknown[]) {
    const empty = !wrote && (args.length === 0 || typeof args[0] === "function" || args[0] === undefined || args[0] === null);
    if (this.statusCode === 405 && empty && !this.headersSent) {
      const { type, text } = bodyFor(req.method ?? "", pathname);
      this.setHeader("content-type", type);
      this.setHeader("content-length", String(Buffer.byteLength(text)));
      return (end as (...a: unknown[]) => http.ServerResponse).call(this, text);
    }
    return (end as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof res.end;
}
