import 'server-only';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { transaction, type Db } from '@/db';
import { referencedSha256s } from '@/db/queries/attachments';
import { takeLease } from '@/db/queries/leases';
import { formatBytes } from './items';
import { evidenceSweepGraceMs } from './limits';
import { sweepOrphanFiles, type SweepReport } from './sweep';
import type { EvidenceStorage } from './storage';

/**
 * When the sweep of orphan evidence files runs: at start-up and every hour, by one app instance at a time. Each
 * instance tries on its own clock; the one that takes the lease (a row in the database, held for nearly an hour)
 * sweeps, the others find it held and skip their turn.
 */
export const SWEEP_JOB = 'evidence-sweep';
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const LEASE_MS = SWEEP_INTERVAL_MS - 60 * 1000;

/** One turn: sweeps when this holder gets the lease, else does nothing and answers null. */
export async function sweepTurn(args: {
  db: Db;
  storage: EvidenceStorage;
  holder: string;
  now?: Date;
  graceMs?: number;
}): Promise<SweepReport | null> {
  const now = args.now ?? new Date();
  const until = new Date(now.getTime() + LEASE_MS);
  const taken = await transaction(args.db, (tx) => takeLease(tx, { name: SWEEP_JOB, holder: args.holder, now, until }));
  if (!taken) return null;
  // Read before listing: a row committed after this belongs to a file younger than the grace period.
  const referenced = await referencedSha256s(args.db);
  return sweepOrphanFiles({ storage: args.storage, referenced, now, graceMs: args.graceMs ?? evidenceSweepGraceMs() });
}

/** Starts the turns of this process (the server's instrumentation calls it once). */
export function startEvidenceSweeps({ db, storage }: { db: () => Db; storage: () => EvidenceStorage }): void {
  const holder = `${os.hostname()}:${process.pid}:${randomUUID()}`;
  const turn = async () => {
    try {
      const report = await sweepTurn({ db: db(), storage: storage(), holder });
      if (report && (report.removed.length > 0 || report.incompleteRemoved > 0)) {
        const bytes = report.removed.reduce((sum, f) => sum + f.size, 0);
        console.log(
          `[绩效自评] 清理佐证材料：删除无记录的文件 ${report.removed.length} 个（${formatBytes(bytes)}），未完成的上传 ${report.incompleteRemoved} 个`,
        );
      }
    } catch (error) {
      console.error('evidence sweep failed', error);
    }
  };
  void turn();
  setInterval(() => void turn(), SWEEP_INTERVAL_MS).unref();
}
