// What the portal shows while Postgres is unreachable: what is wrong and what to do, nothing of
// the error itself. Plain markup, so the server can render it without any script running.
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function DatabaseUnavailable({ retry }: { retry?: () => void }) {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-[12vh] pb-12" data-testid="database-unavailable">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">Latch</p>
        <Card>
          <CardHeader>
            <CardTitle>Latch can&apos;t reach its database right now</CardTitle>
            <CardDescription>
              The portal needs its database to show your keys and settings. Nothing you saved is lost. Please retry in a moment; if
              this persists, tell your Latch administrator.
            </CardDescription>
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
