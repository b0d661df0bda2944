// Outbound URLs set by admins (provider base URLs, webhooks) must not reach the host itself or
// cloud metadata services: loopback, link-local (169.254.0.0/16, fe80::/10, where metadata
// endpoints live), fd00:ec2::254, unspecified and multicast addresses are refused, after DNS
// resolution, unless LATCH_ALLOW_PRIVATE_UPSTREAMS is set (local development and tests).
// Private ranges (10/8, 192.168/16 …) stay allowed: self-hosted model servers live there.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";
import { InvalidRequestError } from "@/lib/errors";
import { normaliseIp } from "@/lib/policy/ip-allow";

const forbidden = new BlockList();
forbidden.addSubnet("127.0.0.0", 8, "ipv4");
forbidden.addSubnet("169.254.0.0", 16, "ipv4");
forbidden.addSubnet("0.0.0.0", 8, "ipv4");
forbidden.addSubnet("224.0.0.0", 4, "ipv4");
forbidden.addSubnet("100.100.100.200", 32, "ipv4"); // Alibaba Cloud metadata
forbidden.addAddress("::1", "ipv6");
forbidden.addAddress("::", "ipv6");
forbidden.addSubnet("fe80::", 10, "ipv6");
forbidden.addSubnet("ff00::", 8, "ipv6");
forbidden.addAddress("fd00:ec2::254", "ipv6");

export function isForbiddenAddress(ip: string): boolean {
  const address = normaliseIp(ip);
  const version = isIP(address);
  return version !== 0 && forbidden.check(address, version === 4 ? "ipv4" : "ipv6");
}

/** Throws InvalidRequestError(param) unless `raw` is an http(s) URL to an allowed host. */
export async function assertSafeOutboundUrl(raw: string, param: string, allowPrivate = env.LATCH_ALLOW_PRIVATE_UPSTREAMS): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidRequestError("Must be an absolute http(s) URL.", param);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new InvalidRequestError("Must be an http(s) URL.", param);
  if (url.username || url.password) throw new InvalidRequestError("Must not contain credentials.", param);
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await lookup(host, { all: true }).then((r) => r.map((a) => a.address), () => []);
  if (addresses.length === 0) throw new InvalidRequestError("The host name does not resolve.", param);
  if (addresses.some(isForbiddenAddress))
    throw new InvalidRequestError("This address is not allowed: loopback, link-local and metadata addresses are refused.", param, "url_not_allowed");
}
