import 'server-only';
import { dataDir } from '@/db';
import { fsStorageIn } from './fs-storage';
import type { EvidenceStorage } from './storage';

/** The app's evidence store: the filesystem one under `DATA_DIR/files` (the only one built so far). */
export function evidenceStorage(): EvidenceStorage {
  return fsStorageIn(dataDir());
}

/**
 * Test-only fault injection: with `EVIDENCE_FAULT=after-put` the process kills itself the moment a file is durable
 * and before its row commits, which is where a crash must leave an orphan file and never a row without a file.
 */
export function faultPoint(point: 'after-put'): void {
  if (process.env.EVIDENCE_FAULT === point) process.kill(process.pid, 'SIGKILL');
}
