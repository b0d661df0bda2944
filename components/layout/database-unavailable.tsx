// What the portal shows while Postgres is unreachable: what is wrong and what to do, nothing of
// the error itself.
import { NoticePage } from "@/components/layout/notice-page";

export function DatabaseUnavailable({ retry }: { retry?: () => void }) {
  return (
    <NoticePage testId="database-unavailable" title={<>Latch can&apos;t reach its database right now</>} retry={retry}>
      The portal needs its database to show your keys and settings. Nothing you saved is lost. Please retry in a moment; if this persists, tell your Latch
      administrator.
    </NoticePage>
  );
}
