"use client";
// Any page that fails: a plain message and a retry, never the error itself (in production only
// its digest reaches the browser). An unreachable database gets the outage page.
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/db/unavailable-digest";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

// `retry` fetches and renders the page again on the server.
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = (error as { digest?: unknown } | null)?.digest;
  const reference = typeof digest === "string" ? digest : undefined;
  if (reference === DATABASE_UNAVAILABLE_DIGEST) return <DatabaseUnavailable retry={retry} />;
  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-[12vh] pb-12" data-testid="page-error">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">Latch</p>
        <Card>
          <CardHeader>
            <CardTitle>Something went wrong</CardTitle>
            <CardDescription>
              Latch could not show this page. Please retry; if it keeps failing, tell your Latch administrator
              {reference ? <> and quote reference <code>{reference}</code></> : null}.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <button type="button" onClick={() => retry()} className={buttonClasses({})}>
              Retry
            </button>
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
