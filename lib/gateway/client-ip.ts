// The client's IP: the socket peer, unless that peer is a proxy listed in TRUSTED_PROXIES, in
// which case X-Forwarded-For is walked from the right while hops are trusted. A client can
// therefore never choose its own address by sending the header.
import { env } from "@/lib/env";
import { compileIpAllowlist, normaliseIp, type IpMatcher } from "@/lib/policy/ip-allow";

/** Set by Latch's own server from the socket (any client-sent value is overwritten). */
export const PEER_ADDRESS_HEADER = "x-latch-peer-address";

const trustedProxies = compileIpAllowlist(env.TRUSTED_PROXIES);

export function resolveClientIp(peer: string | null, forwardedFor: string | null, trusted: IpMatcher | null = trustedProxies): string | null {
  if (!peer) return null;
  let address = normaliseIp(peer);
  if (!trusted || !forwardedFor || !trusted(address)) return address;
  const hops = forwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean)
    .reverse();
  for (const hop of hops) {
    address = normaliseIp(hop);
    if (!trusted(address)) break;
  }
  return address;
}
