"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const LINKS = [
  { href: "/admin", label: "Dashboards", exact: true },
  { href: "/admin/settings", label: "Org settings" },
  { href: "/admin/providers", label: "Providers" },
  { href: "/admin/prices", label: "Prices" },
  { href: "/admin/teams", label: "Teams" },
  { href: "/admin/members", label: "Members" },
  { href: "/admin/keys", label: "All keys" },
  { href: "/admin/tokens", label: "API tokens" },
  { href: "/admin/scim", label: "SCIM" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/attribution", label: "Attribution" },
  { href: "/admin/security", label: "Security" },
];
const BILLING_LINK = { href: "/admin/billing", label: "Billing", exact: false };

/** `billing`: the hosted SaaS only (lib/billing/plans.ts billingEnabled); self-hosted has no billing screens. */
export function AdminNav({ billing = false }: { billing?: boolean }) {
  const pathname = usePathname();
  const links = billing ? [...LINKS, BILLING_LINK] : LINKS;
  return (
    <nav aria-label="Admin" className="flex flex-wrap gap-1 border-b border-zinc-200 pb-2 dark:border-zinc-800">
      {links.map(({ href, label, exact }) => {
        const active = exact ? pathname === href || pathname.startsWith("/admin/usage") : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
              active
                ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
            )}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

/** The heading block each admin page starts with. */
export function AdminHeader({ title, description, children }: { title: string; description?: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="text-sm text-zinc-500 dark:text-zinc-400">{description}</p>}
      </div>
      {children}
    </div>
  );
}
