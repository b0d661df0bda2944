import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import type { NavSection } from "@/components/layout/nav-items";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

type Person = { name: string | null; email: string; role: string };

/**
 * The portal's frame: a sidebar (org, navigation by permission, who is signed in) beside the
 * page; on a phone, a top bar whose Menu button opens the same sidebar.
 */
export function AppShell({
  org,
  person,
  sections,
  banner,
  children,
}: {
  org: string;
  person: Person;
  sections: NavSection[];
  banner?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen lg:flex">
      <aside className="border-b border-zinc-200 bg-white lg:sticky lg:top-0 lg:flex lg:h-screen lg:w-60 lg:shrink-0 lg:flex-col lg:border-r lg:border-b-0 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex flex-wrap items-center gap-3 px-4 py-3 lg:flex-1 lg:flex-col lg:flex-nowrap lg:items-stretch lg:gap-5 lg:overflow-y-auto lg:py-5">
          <Link href="/keys" className="flex min-w-0 items-center gap-2 lg:px-2.5">
            <img src="/icon.svg" alt="" width={20} height={20} className="size-5" />
            <span className="font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">Latch</span>
            <span className="truncate text-sm text-zinc-500 dark:text-zinc-400" data-testid="org-name">
              {org}
            </span>
          </Link>
          <SidebarNav sections={sections} footer={<UserBlock person={person} />} />
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        {banner}
        <main className="mx-auto max-w-6xl px-3 py-6 sm:px-6 sm:py-8">{children}</main>
      </div>
    </div>
  );
}

function UserBlock({ person }: { person: Person }) {
  return (
    <div className="flex flex-col gap-2 lg:px-2.5">
      <div className="min-w-0 text-sm">
        <span className="block truncate leading-tight text-zinc-900 dark:text-zinc-100">{person.name ?? person.email}</span>
        <span className="block truncate text-xs leading-tight text-zinc-500 dark:text-zinc-400">{person.email}</span>
      </div>
      <div className="flex items-center gap-2">
        {/* The stored role, shown capitalised. */}
        <Badge variant="outline" className="capitalize" data-testid="user-role">
          {person.role}
        </Badge>
        <form action={signOutAction}>
          <Button type="submit" variant="ghost" size="sm">
            Sign out
          </Button>
        </form>
      </div>
    </div>
  );
}
