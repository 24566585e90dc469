import 'server-only';
import { statfs } from 'node:fs/promises';
import type { Db } from '@/db';
import { departments } from '@/db/schema';

/** Below this much free space in DATA_DIR the health check answers 503: saves and backups would soon fail. */
export const LOW_DISK_BYTES = 512 * 1024 * 1024;

export interface Health {
  ok: boolean;
  database: 'ok' | 'unreachable';
  disk: 'ok' | 'low' | 'unknown';
  /** Only for a signed-in administrator: anonymous monitors learn nothing about the install. */
  freeDiskBytes?: number;
}

/** What /api/health reports: the database answers a query, and DATA_DIR's disk has room. */
export async function checkHealth(db: Db, { dataDir, detailed }: { dataDir: string; detailed: boolean }) {
  let database: Health['database'] = 'ok';
  try {
    await db.$count(departments);
  } catch {
    database = 'unreachable';
  }
  let free: number | null = null;
  try {
    const stats = await statfs(dataDir);
    free = stats.bavail * stats.bsize;
  } catch {
    free = null;
  }
  const disk: Health['disk'] = free === null ? 'unknown' : free < LOW_DISK_BYTES ? 'low' : 'ok';
  const health: Health = { ok: database === 'ok' && disk !== 'low', database, disk };
  if (detailed && free !== null) health.freeDiskBytes = free;
  return health;
}
