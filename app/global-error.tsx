"use client";
// Last resort, when the root layout itself fails: it replaces the whole document.
import "./globals.css";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/db/unavailable-digest";

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = (error as { digest?: unknown } | null)?.digest;
  const reference = typeof digest === "string" ? digest : undefined;
  return (
    <html lang="en">
      <head>
        <title>Latch</title>
      </head>
      <body className="min-h-screen bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        {reference === DATABASE_UNAVAILABLE_DIGEST ? (
          <DatabaseUnavailable retry={retry} />
        ) : (
          <main className="mx-auto max-w-md px-4 pt-[12vh] text-center" data-testid="page-error">
            <h1 className="text-lg font-semibold">Latch could not show this page</h1>
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              Please retry in a moment; if it keeps failing, tell your Latch administrator
              {reference ? (
                <>
                  {" "}
                  and quote reference <code>{reference}</code>
                </>
              ) : null}
              .
            </p>
            <button type="button" onClick={() => retry()} className="mt-4 underline">
              Retry
            </button>
          </main>
        )}
      </body>
    </html>
  );
}
