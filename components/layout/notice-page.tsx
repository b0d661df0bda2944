// A full-page notice with one action (error and outage pages): the brand, a card with what
// happened and what to do, and a Retry. Plain markup, so the server can render it without scripts.
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

type Props = { testId: string; title: ReactNode; children: ReactNode; retry?: () => void };

export function NoticePage({ testId, title, children, retry }: Props) {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-[12vh] pb-12" data-testid={testId}>
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">Latch</p>
        <Card>
          <CardHeader>
            <CardTitle>{title}</CardTitle>
            <CardDescription>{children}</CardDescription>
          </CardHeader>
          <CardContent>
            {retry ? (
              <button type="button" onClick={() => retry()} className={buttonClasses({})}>
                Retry
              </button>
            ) : (
              // An empty href reloads this very page (path and query), with or without JavaScript.
              <a href="" className={buttonClasses({})}>
                Retry
              </a>
            )}
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
