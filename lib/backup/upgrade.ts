import 'server-only';
import path from 'node:path';
import { isPostgres, migrateDatabase, migrationState, type Db } from '@/db';
import { createBackup } from './archive';

/** Where the automatic backup before an upgrade goes: BACKUP_DIR, else DATA_DIR/backups. */
export function upgradeBackupDir(dataDir: string, env: Record<string, string | undefined> = process.env): string {
  return env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : path.join(dataDir, 'backups');
}

const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

/**
 * Migrates the database; when migrations are waiting for a database that has data already (an
 * upgrade, not a first start), a backup archive is written first, so an upgrade that goes wrong can
 * be undone with `npm run restore`. Returns the archive's path, if one was made. On PostgreSQL the
 * archive cannot hold the database (its administrators back it up with pg_dump): it only migrates.
 */
export async function migrateWithBackup(
  db: Db,
  {
    dataDir,
    backupDir,
    migrationsFolder,
    now = new Date(),
  }: { dataDir: string; backupDir: string; migrationsFolder?: string; now?: Date },
): Promise<string | null> {
  if (isPostgres(db)) {
    await migrateDatabase(db, migrationsFolder);
    return null;
  }
  const state = await migrationState(db, migrationsFolder);
  let archive: string | null = null;
  if (state.pending > 0 && state.applied > 0) {
    archive = path.join(backupDir, `jixiao-before-upgrade-${stamp(now)}.zip`);
    await createBackup(db, { dataDir, out: archive });
  }
  await migrateDatabase(db, migrationsFolder);
  return archive;
}
