// The block every portal page starts with: where you are (breadcrumbs on detail pages), the
// page's title and what it is for, and the page's own actions on the right (below on a phone).
import Link from "next/link";
import { cn } from "@/lib/utils";

export type Crumb = { label: string; href?: string };

export function PageHeader({
  title,
  description,
  breadcrumbs,
  children,
  className,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Parents first; the last crumb is the current page (usually the title again, left unlinked). */
  breadcrumbs?: Crumb[];
  /** Actions: buttons or links for the whole page. */
  children?: React.ReactNode;
  className?: string;
}) {
  return (
    <header className={cn("flex flex-col gap-2", className)} data-testid="page-header">
      {breadcrumbs && breadcrumbs.length > 0 && (
        <nav aria-label="Breadcrumb">
          <ol className="flex min-w-0 flex-wrap items-center gap-1 text-sm text-zinc-600 dark:text-zinc-400">
            {breadcrumbs.map((c, i) => (
              <li key={`${c.label}-${i}`} className="flex min-w-0 items-center gap-1">
                {i > 0 && (
                  <span aria-hidden className="text-zinc-400 dark:text-zinc-500">
                    /
                  </span>
                )}
                {c.href && i < breadcrumbs.length - 1 ? (
                  <Link href={c.href} className="truncate hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
                    {c.label}
                  </Link>
                ) : (
                  <span className="truncate text-zinc-900 dark:text-zinc-100" aria-current={i === breadcrumbs.length - 1 ? "page" : undefined}>
                    {c.label}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end sm:justify-between">
        <div className="min-w-0 sm:flex-1">
          <h1 className="break-words text-xl font-semibold tracking-tight text-zinc-900 sm:text-2xl dark:text-zinc-100">{title}</h1>
          {description && <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{description}</p>}
        </div>
        {children && <div className="flex flex-wrap items-center gap-2">{children}</div>}
      </div>
    </header>
  );
}
