import Link from "next/link";
import { requireViewer } from "@/lib/auth/session";
import { signOutAction } from "@/app/(auth)/actions";
import { NavLink } from "@/components/layout/nav-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const { user, org, actor } = await requireViewer();
  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4">
          <Link href="/keys" className="flex items-baseline gap-2">
            <span className="font-semibold tracking-tight text-zinc-900">Latch</span>
            <span className="text-sm text-zinc-500" data-testid="org-name">{org.name}</span>
          </Link>
          <nav className="flex items-center gap-1" aria-label="Main">
            <NavLink href="/keys">Keys</NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden text-right text-sm sm:block">
              <span className="block leading-tight text-zinc-900">{user.name ?? user.email}</span>
              <span className="block text-xs leading-tight text-zinc-500">{user.email}</span>
            </span>
            <Badge variant="outline" data-testid="user-role">{actor.role}</Badge>
            <form action={signOutAction}>
              <Button type="submit" variant="ghost" size="sm">Sign out</Button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
