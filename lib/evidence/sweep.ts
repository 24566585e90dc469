/**
 * Removes stored files no attachment row points to. A file is written (and fsynced) before its row commits, so a
 * crash or a refused commit in between leaves an orphan file, never a row without a file; the sweep cleans those
 * up. Files younger than the grace period are kept whatever the database says: their upload may be between
 * writing its file and committing its row right now.
 */
import type { EvidenceStorage, StoredFile } from './storage';

export const DEFAULT_SWEEP_GRACE_MS = 60 * 60 * 1000;

export interface SweepReport {
  removed: StoredFile[];
  /** Orphans kept because they are younger than the grace period. */
  keptYoung: number;
  /** Uploads that never completed (the process died mid-write), removed. */
  incompleteRemoved: number;
}

export async function sweepOrphanFiles(args: {
  storage: EvidenceStorage;
  /** Every sha256 an attachment row points to, read from the database before the sweep starts. */
  referenced: ReadonlySet<string>;
  graceMs?: number;
  now?: Date;
}): Promise<SweepReport> {
  const now = args.now ?? new Date();
  const cutoff = new Date(now.getTime() - (args.graceMs ?? DEFAULT_SWEEP_GRACE_MS));
  const report: SweepReport = { removed: [], keptYoung: 0, incompleteRemoved: 0 };
  for await (const file of args.storage.list()) {
    if (args.referenced.has(file.sha256)) continue;
    if (file.modifiedAt > cutoff) {
      report.keptYoung++;
      continue;
    }
    // Checked again as it is removed: an identical upload may have renewed the file since it was listed.
    if (await args.storage.delete(file.sha256, { unmodifiedSince: cutoff })) {
      report.removed.push({ sha256: file.sha256, size: file.size });
    } else {
      report.keptYoung++;
    }
  }
  report.incompleteRemoved = await args.storage.purgeIncomplete(cutoff);
  return report;
}
