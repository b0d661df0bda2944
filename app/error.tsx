"use client";
// Any page that fails: a plain message and a retry, never the error itself (in production only
// its digest reaches the browser). An unreachable database gets the outage page.
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/db/unavailable-digest";
import { NoticePage } from "@/components/layout/notice-page";

// `retry` fetches and renders the page again on the server.
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = (error as { digest?: unknown } | null)?.digest;
  const reference = typeof digest === "string" ? digest : undefined;
  if (reference === DATABASE_UNAVAILABLE_DIGEST) return <DatabaseUnavailable retry={retry} />;
  return (
    <NoticePage testId="page-error" title="Something went wrong" retry={retry}>
      Latch could not show this page. Please retry; if it keeps failing, tell your Latch administrator
      {reference ? (
        <>
          {" "}
          and quote reference <code>{reference}</code>
        </>
      ) : null}
      .
    </NoticePage>
  );
}
