import 'server-only';
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { transaction, type Db } from '@/db';
import { releaseLease, takeLease } from '@/db/queries/leases';
import { BACKUP_NAME, backupFileName, createBackup } from './archive';

/**
 * Scheduled backups (BACKUP_DIR set): every BACKUP_EVERY_HOURS (24) one archive into BACKUP_DIR,
 * keeping the newest BACKUP_KEEP (14). Every instance of the app checks now and then; the lease in
 * job_leases makes exactly one of them do it, and its `lastDoneAt` says when it was last done.
 */
export interface BackupSchedule {
  backupDir: string;
  everyHours: number;
  keep: number;
}

export const BACKUP_JOB = 'backup';
/** A backup still running after this is taken to have died with its instance. */
const LEASE_MS = 60 * 60_000;
/** How often an instance looks whether a backup is due. */
export const CHECK_EVERY_MS = 5 * 60_000;

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} 须为正数（当前为“${raw}”）`);
  return value;
}

/** The schedule the environment asks for, or null without BACKUP_DIR. Throws on a malformed setting. */
export function backupScheduleFromEnv(env: Record<string, string | undefined> = process.env): BackupSchedule | null {
  if (!env.BACKUP_DIR) return null;
  const keep = positive(env, 'BACKUP_KEEP', 14);
  if (!Number.isInteger(keep)) throw new Error(`BACKUP_KEEP 须为正整数（当前为“${env.BACKUP_KEEP}”）`);
  return { backupDir: path.resolve(env.BACKUP_DIR), everyHours: positive(env, 'BACKUP_EVERY_HOURS', 24), keep };
}

/** Who this instance is, in the lease: host, process and a random part (a restarted process is another holder). */
export function instanceName(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Removes the oldest scheduled archives beyond `keep` (only files named as this schedule names them). */
export async function pruneBackups(backupDir: string, keep: number): Promise<string[]> {
  const archives = (await readdir(backupDir)).filter((name) => BACKUP_NAME.test(name)).sort();
  const old = archives.slice(0, Math.max(0, archives.length - keep));
  for (const name of old) await rm(path.join(backupDir, name), { force: true });
  return old;
}

export type ScheduledRun =
  { ran: false; reason: 'held-elsewhere' | 'not-due' } | { ran: true; file: string; removed: string[] };

/** One look: when this instance gets the lease and a backup is due, it makes one. */
export async function runScheduledBackup(
  db: Db,
  {
    dataDir,
    schedule,
    holder,
    now = new Date(),
  }: { dataDir: string; schedule: BackupSchedule; holder: string; now?: Date },
): Promise<ScheduledRun> {
  const lease = await transaction(db, (tx) =>
    takeLease(tx, { name: BACKUP_JOB, holder, now, until: new Date(now.getTime() + LEASE_MS) }),
  );
  if (!lease) return { ran: false, reason: 'held-elsewhere' };
  const due = !lease.lastDoneAt || now.getTime() - lease.lastDoneAt.getTime() >= schedule.everyHours * 3600_000;
  if (!due) {
    await transaction(db, (tx) => releaseLease(tx, { name: BACKUP_JOB, holder, now }));
    return { ran: false, reason: 'not-due' };
  }
  try {
    const { file } = await createBackup(db, { dataDir, out: path.join(schedule.backupDir, backupFileName(now)) });
    const removed = await pruneBackups(schedule.backupDir, schedule.keep);
    await transaction(db, (tx) => releaseLease(tx, { name: BACKUP_JOB, holder, now, doneAt: now }));
    return { ran: true, file, removed };
  } catch (error) {
    await transaction(db, (tx) => releaseLease(tx, { name: BACKUP_JOB, holder, now }));
    throw error;
  }
}

/** Looks at once and then every CHECK_EVERY_MS; a failure is reported and tried again at the next look. */
export function startBackupSchedule(
  db: Db,
  options: { dataDir: string; schedule: BackupSchedule; log: (message: string) => void },
): () => void {
  const holder = instanceName();
  let running = false;
  const look = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runScheduledBackup(db, { ...options, holder });
      if (run.ran)
        options.log(`已完成定时备份 ${run.file}${run.removed.length ? `，清理旧备份 ${run.removed.length} 个` : ''}`);
    } catch (error) {
      options.log(`定时备份失败：${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  void look();
  const timer = setInterval(() => void look(), CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
