// Outbound URLs set by admins (provider base URLs, webhooks) must not reach cloud metadata
// services or the host itself: link-local (169.254.0.0/16, fe80::/10, where metadata endpoints
// live), fd00:ec2::254, unspecified and multicast addresses are always refused, after DNS
// resolution; loopback too, unless LATCH_ALLOW_PRIVATE_UPSTREAMS is set (development, tests).
// Private ranges (10/8, 192.168/16 …) stay allowed: self-hosted model servers live there.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";
import { InvalidRequestError } from "@/lib/errors";
import { normaliseIp } from "@/lib/policy/ip-allow";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

const forbidden = new BlockList();
forbidden.addSubnet("169.254.0.0", 16, "ipv4");
forbidden.addSubnet("0.0.0.0", 8, "ipv4");
forbidden.addSubnet("224.0.0.0", 4, "ipv4");
forbidden.addSubnet("100.100.100.200", 32, "ipv4"); // Alibaba Cloud metadata
forbidden.addAddress("::", "ipv6");
forbidden.addSubnet("fe80::", 10, "ipv6");
forbidden.addSubnet("ff00::", 8, "ipv6");
forbidden.addAddress("fd00:ec2::254", "ipv6");

export function isForbiddenAddress(ip: string, allowLoopback = false): boolean {
  const address = normaliseIp(ip);
  const version = isIP(address);
  if (version === 0) return false;
  const family = version === 4 ? "ipv4" : "ipv6";
  if (forbidden.check(address, family) || (!allowLoopback && loopback.check(address, family))) return true;
  const embedded = version === 6 ? embeddedIpv4(address) : null;
  return embedded !== null && isForbiddenAddress(embedded, allowLoopback);
}

/**
 * The IPv4 address an IPv6 address carries and that some networks route to: IPv4-compatible
 * (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). Each can reach a metadata endpoint.
 */
function embeddedIpv4(ipv6: string): string | null {
  const words = expandIpv6(ipv6);
  if (!words) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (words.slice(0, 6).every((w) => w === 0) && (words[6] !== 0 || words[7]! > 1)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!);
  return null;
}

function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const words = [...left, ...Array<string>(Math.max(0, fill)).fill("0"), ...right].map((w) => parseInt(w, 16));
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** Throws InvalidRequestError(param) unless `raw` is an http(s) URL to an allowed host. */
export async function assertSafeOutboundUrl(raw: string, param: string, allowPrivate = env.LATCH_ALLOW_PRIVATE_UPSTREAMS): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidRequestError("Must be an absolute http(s) URL.", param, "invalid_url");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new InvalidRequestError("Must be an http(s) URL.", param, "invalid_url");
  if (url.username || url.password) throw new InvalidRequestError("Must not contain credentials.", param, "invalid_url");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (r) => r.map((a) => a.address),
        () => [],
      );
  if (addresses.length === 0) throw new InvalidRequestError("The host name does not resolve.", param, "invalid_url");
  if (addresses.some((a) => isForbiddenAddress(a, allowPrivate)))
    throw new InvalidRequestError("This address is not allowed: loopback, link-local and metadata addresses are refused.", param, "url_not_allowed");
}
