// The portal's navigation: every entry names the permission its page checks, so a person sees
// exactly the pages they may open (no links to 404s) and no role string is compared here.
import { can, type Action, type Actor } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; exact?: boolean; badge?: number };
export type NavSection = { id: "main" | "admin"; label: string; items: NavItem[] };

type Entry = NavItem & { requires?: Action; billingOnly?: boolean };

const MAIN: Entry[] = [
  { href: "/keys", label: "Keys" },
  { href: "/requests", label: "Requests", requires: "approvals.decide" },
  { href: "/api-docs", label: "API reference" },
];

/** In the order an admin sets an org up; the insight pages first for approvers, who see only those. */
const ADMIN: Entry[] = [
  { href: "/admin", label: "Dashboards", exact: true, requires: "usage.read.all" },
  { href: "/admin/classification", label: "Classification", requires: "usage.read.all" },
  { href: "/admin/keys", label: "All keys", requires: "keys.write.all" },
  { href: "/admin/members", label: "Members", requires: "members.write" },
  { href: "/admin/teams", label: "Teams", requires: "teams.write" },
  { href: "/admin/providers", label: "Providers", requires: "providers.write" },
  { href: "/admin/prices", label: "Prices", requires: "providers.write" },
  { href: "/admin/settings", label: "Org settings", requires: "org.write" },
  { href: "/settings/sso", label: "Single sign-on", requires: "org.write" },
  { href: "/admin/scim", label: "SCIM", requires: "org.write" },
  { href: "/admin/tokens", label: "API tokens", requires: "tokens.write" },
  { href: "/admin/security", label: "Security", requires: "usage.read.all" },
  { href: "/admin/attribution", label: "Attribution", requires: "org.write" },
  { href: "/admin/mcp", label: "MCP servers", requires: "mcp.read" },
  { href: "/admin/audit", label: "Audit log", requires: "audit.read" },
  { href: "/admin/billing", label: "Billing", requires: "billing.manage", billingOnly: true },
];

const visible = (actor: Actor, billing: boolean) => (e: Entry) => (!e.requires || can(actor, e.requires)) && (!e.billingOnly || billing);
const strip = ({ requires: _r, billingOnly: _b, ...item }: Entry): NavItem => item;

export function navSections(actor: Actor, opts: { billing: boolean; waiting: number }): NavSection[] {
  const main = MAIN.filter(visible(actor, opts.billing)).map((e) => strip(e.href === "/requests" ? { ...e, badge: opts.waiting } : e));
  const admin = ADMIN.filter(visible(actor, opts.billing)).map(strip);
  // Someone who may change the org sees the whole console; an approver, the dashboards they may read.
  const adminLabel = can(actor, "org.write") ? "Admin" : "Insights";
  return [{ id: "main", label: "Main", items: main }, ...(admin.length ? [{ id: "admin" as const, label: adminLabel, items: admin }] : [])];
}

/** The entry a path belongs to: the longest matching href wins (so /admin/keys is not "Dashboards"). */
export function activeHref(sections: NavSection[], pathname: string): string | null {
  let best: string | null = null;
  for (const item of sections.flatMap((s) => s.items)) {
    const hit = item.exact
      ? pathname === item.href || (item.href === "/admin" && pathname.startsWith("/admin/usage"))
      : pathname === item.href || pathname.startsWith(`${item.href}/`);
    if (hit && (!best || item.href.length > best.length)) best = item.href;
  }
  return best;
}
