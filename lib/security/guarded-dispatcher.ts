// A URL checked when it was saved can resolve elsewhere later (DNS rebinding), so the address
// check also runs where it cannot be bypassed: on every connection, against the address actually
// dialled. Every outbound HTTP call to an admin-configured host goes through this dispatcher.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { Agent, buildConnector } from "undici";
import { env } from "@/lib/env";
import { isForbiddenAddress } from "@/lib/security/ssrf";

export class ForbiddenAddressError extends Error {
  readonly code = "ERR_LATCH_FORBIDDEN_ADDRESS";
  constructor(address: string) {
    super(`Connection to ${address} refused: loopback, link-local and metadata addresses are not allowed.`);
  }
}

/** Whether a failed call was refused by this guard (the error may be wrapped as a fetch `cause`). */
export function isForbiddenConnection(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++)
    if (e.code === "ERR_LATCH_FORBIDDEN_ADDRESS") return true;
  return false;
}

/** dns.lookup that refuses forbidden answers, for sockets that resolve host names themselves. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const bad = addresses.find((a) => isForbiddenAddress(a.address, allowPrivate));
      if (bad) return callback(new ForbiddenAddressError(bad.address), "", 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

export type GuardedAgentOptions = ConstructorParameters<typeof Agent>[0] & { allowPrivate?: boolean };

/** An undici Agent whose every connection is checked; IP literals (which skip DNS) are checked too. */
export function createGuardedAgent({ allowPrivate = env.LATCH_ALLOW_PRIVATE_UPSTREAMS, ...options }: GuardedAgentOptions = {}): Agent {
  const connector = buildConnector({ lookup: guardedLookup(allowPrivate) } as buildConnector.BuildOptions);
  return new Agent({
    ...options,
    connect: (opts, callback) => {
      const host = opts.hostname.replace(/^\[|\]$/g, "");
      if (isIP(host) && isForbiddenAddress(host, allowPrivate)) return callback(new ForbiddenAddressError(host), null);
      return connector(opts, callback);
    },
  });
}

const holder = globalThis as unknown as { latchOutboundAgent?: Agent };

/** The shared agent for one-off calls to admin-configured hosts ("test connection", alert webhooks). */
export function outboundAgent(): Agent {
  return (holder.latchOutboundAgent ??= createGuardedAgent({ keepAliveTimeout: 10_000, connections: 16 }));
}
