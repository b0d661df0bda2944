// Who is calling, from where: set once per portal action or management API call, read by
// recordAudit, so verbs need not thread IP and user agent through every signature.
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestOrigin = { ip: string | null; userAgent: string | null };

const storage = new AsyncLocalStorage<RequestOrigin>();

export function withRequestOrigin<T>(origin: RequestOrigin, fn: () => T): T {
  return storage.run(origin, fn);
}

export const currentRequestOrigin = (): RequestOrigin | undefined => storage.getStore();
