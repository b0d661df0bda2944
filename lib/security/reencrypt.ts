// Moves every stored secret under the current encryption key (`npm run secrets:reencrypt`), so a
// retired key can then be dropped. Safe to interrupt and to re-run: rows already under the
// current key are left alone, and each row is rewritten on its own with a compare-and-set, so a
// secret someone changes meanwhile is never overwritten with its old value.
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { isCurrent, open, seal, SecretBoxError, type Keyring } from "@/lib/security/keyring";
import { SEALED_SOURCES, type SealedSource } from "@/lib/security/sealed-columns";

export type SourceReport = {
  name: string;
  rows: number;
  /** Already under the current key. */
  current: number;
  /** Re-encrypted (in a dry run: would be). */
  reencrypted: number;
  /** Changed by someone else between read and write; a re-run checks them again. */
  changedMeanwhile: number;
  /** Row references (ids, never secrets) that no configured key opens. */
  unreadable: string[];
};

export type ReencryptReport = { keyId: string; dryRun: boolean; sources: SourceReport[] };

export type ReencryptOptions = { keyring: Keyring; dryRun?: boolean; batchSize?: number; sources?: readonly SealedSource[] };

export async function reencryptSecrets({ keyring, dryRun = false, batchSize = 200, sources = SEALED_SOURCES }: ReencryptOptions): Promise<ReencryptReport> {
  const reports: SourceReport[] = [];
  const perOrg = new Map<string, Record<string, number>>();
  for (const source of sources) {
    const report: SourceReport = { name: source.name, rows: 0, current: 0, reencrypted: 0, changedMeanwhile: 0, unreadable: [] };
    reports.push(report);
    for await (const row of source.rows(batchSize)) {
      report.rows++;
      if (row.boxes.every((box) => isCurrent(keyring, box))) {
        report.current++;
        continue;
      }
      const plain = new Map<string, string>();
      try {
        for (const box of row.boxes) if (!isCurrent(keyring, box)) plain.set(box, open(keyring, box));
      } catch (err) {
        if (!(err instanceof SecretBoxError)) throw err;
        report.unreadable.push(row.ref);
        continue;
      }
      if (!dryRun && !(await row.swap((box) => (plain.has(box) ? seal(keyring, plain.get(box)!) : box)))) {
        report.changedMeanwhile++;
        continue;
      }
      report.reencrypted++;
      const counts = perOrg.get(row.orgId) ?? {};
      counts[source.name] = (counts[source.name] ?? 0) + 1;
      perOrg.set(row.orgId, counts);
    }
  }
  // Audit events belong to an org: each org whose secrets moved gets one, with its counts.
  if (!dryRun)
    for (const [orgId, reencrypted] of perOrg)
      await db.$transaction((tx) =>
        recordAudit(
          tx,
          { kind: "system", orgId },
          { action: "org.secrets_reencrypted", targetType: "org", targetId: orgId, metadata: { keyId: keyring.current.id, reencrypted } },
        ),
      );
  return { keyId: keyring.current.id, dryRun, sources: reports };
}
