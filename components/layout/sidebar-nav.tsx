"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { activeHref, type NavSection } from "@/components/layout/nav-items";
import { cn } from "@/lib/utils";

/**
 * The sidebar's sections and, below them, who is signed in. On a phone it all folds behind a
 * Menu button (closed again after each navigation); from lg up it is always shown. Rendered once,
 * so nothing on the page appears twice.
 */
export function SidebarNav({ sections, footer }: { sections: NavSection[]; footer?: React.ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, closing the menu on each navigation
  useEffect(() => setOpen(false), [pathname]);
  const active = activeHref(sections, pathname);
  return (
    <>
      <button
        type="button"
        className="ml-auto rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium lg:hidden dark:border-zinc-700"
        aria-expanded={open}
        aria-controls="portal-nav"
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <div id="portal-nav" className={cn("w-full flex-col gap-5 lg:flex lg:flex-1", open ? "flex" : "hidden")}>
        {sections.map((section) => (
          <nav key={section.id} aria-label={section.label} className="flex flex-col gap-0.5">
            {section.id !== "main" && (
              <p className="px-2.5 pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{section.label}</p>
            )}
            {section.items.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active === item.href ? "page" : undefined}
                className={cn(
                  "flex items-center justify-between rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
                  active === item.href
                    ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                    : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
                )}
              >
                {item.label}
                {item.badge ? (
                  <span className="ml-2 rounded-full bg-amber-700 px-1.5 text-xs text-white">
                    <span data-testid="waiting-count">{item.badge}</span>
                    <span className="sr-only"> waiting</span>
                  </span>
                ) : null}
              </Link>
            ))}
          </nav>
        ))}
        {footer && <div className="border-t border-zinc-200 pt-3 lg:mt-auto dark:border-zinc-800">{footer}</div>}
      </div>
    </>
  );
}
