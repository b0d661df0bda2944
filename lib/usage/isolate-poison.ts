// A batch that Postgres refuses because of one bad row (invalid JSON text, a value over an index's
// row limit) must not stop usage recording: the batch is split until the rows that fail alone are
// found, those are dead-lettered, and everything else is written. Errors that are not about the
// data (connection lost, database down) are rethrown so the caller keeps the batch and retries.
import { executeBulk } from "@/lib/db/bulk";
import { isDataError } from "@/lib/db/errors";
import { writeUsageJson } from "@/lib/usage/writer";

export type PoisonHandler = (eventJson: string, error: unknown) => Promise<void> | void;

/** Writes the events (each one JSON object); rows refused for their data go to onPoison. */
export async function writeIsolatingPoison(eventsJson: string[], onPoison: PoisonHandler): Promise<void> {
  if (eventsJson.length === 0) return;
  try {
    await writeUsageJson(`[${eventsJson.join(",")}]`);
  } catch (error) {
    if (!isDataError(error)) throw error;
    if (eventsJson.length === 1) return void (await onPoison(eventsJson[0]!, error));
    const half = Math.ceil(eventsJson.length / 2);
    await writeIsolatingPoison(eventsJson.slice(0, half), onPoison);
    await writeIsolatingPoison(eventsJson.slice(half), onPoison);
  }
}

/** Keeps a refused event verbatim (as text, which takes what JSON would not) with the reason. */
export async function deadLetter(eventJson: string, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await executeBulk(`INSERT INTO "UsageDeadLetter" (id, payload, error) VALUES (gen_random_uuid()::text, $1, $2)`, [
    eventJson.slice(0, 65_536),
    reason.slice(0, 500),
  ]);
}
