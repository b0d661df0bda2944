// Client-IP allowlists (addresses or CIDR ranges, IPv4 and IPv6), compiled once into a
// node:net BlockList. IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) are checked as IPv4.
import { BlockList, isIP } from "node:net";

export type IpMatcher = (ip: string | null) => boolean;

export function normaliseIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped?.[1] ?? ip;
}

export function parseIpRule(rule: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [raw = "", prefixText] = rule.trim().split("/");
  const address = normaliseIp(raw);
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family };
}

export function compileIpAllowlist(rules: readonly string[]): IpMatcher | null {
  if (rules.length === 0) return null;
  const list = new BlockList();
  for (const rule of rules) {
    const parsed = parseIpRule(rule);
    if (parsed) list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  // Clients come from few addresses: remember recent verdicts (BlockList.check allocates).
  const seen = new Map<string, boolean>();
  return (ip) => {
    if (!ip) return false;
    let verdict = seen.get(ip);
    if (verdict === undefined) {
      const address = normaliseIp(ip);
      const version = isIP(address);
      verdict = version !== 0 && list.check(address, version === 4 ? "ipv4" : "ipv6");
      if (seen.size >= 1_000) seen.clear();
      seen.set(ip, verdict);
    }
    return verdict;
  };
}
