import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { closeDatabase, databaseFile, migrateDatabase, migrationState, openDatabase, transaction } from '@/db';
import { takeLease } from '@/db/queries/leases';
import { countProjects } from '@/db/queries/projects';
import { restoreBackup } from '@/lib/backup/restore';
import { backupScheduleFromEnv, runScheduledBackup, type BackupSchedule } from '@/lib/backup/schedule';
import { migrateWithBackup } from '@/lib/backup/upgrade';
import { seedDemo } from '@/lib/seed';
import { ROOT, tempDatabase } from './helpers';

const HOUR = 3600_000;
const T0 = new Date('2026-12-01T02:00:00');
const later = (hours: number) => new Date(T0.getTime() + hours * HOUR);

async function setup(keep = 3) {
  const temp = await tempDatabase();
  const schedule: BackupSchedule = { backupDir: path.join(temp.dir, 'backups'), everyHours: 24, keep };
  return { ...temp, schedule, archives: () => readdirSync(schedule.backupDir).filter((f) => f.endsWith('.zip')) };
}

describe('scheduled backups (BACKUP_DIR)', () => {
  it('reads BACKUP_DIR, BACKUP_EVERY_HOURS and BACKUP_KEEP, and refuses nonsense', () => {
    expect(backupScheduleFromEnv({})).toBeNull();
    expect(backupScheduleFromEnv({ BACKUP_DIR: '/srv/backups' })).toEqual({
      backupDir: '/srv/backups',
      everyHours: 24,
      keep: 14,
    });
    expect(backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_EVERY_HOURS: '6', BACKUP_KEEP: '30' })).toMatchObject({
      everyHours: 6,
      keep: 30,
    });
    expect(() => backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_KEEP: '1.5' })).toThrow(/BACKUP_KEEP/);
    expect(() => backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_EVERY_HOURS: 'daily' })).toThrow(
      /BACKUP_EVERY_HOURS/,
    );
  });

  it('exactly one of several instances makes the backup, then none until it is due again', async () => {
    const { db, dir, schedule, archives, cleanup } = await setup();
    // Three instances: three handles of the one database, each its own holder of the lease.
    const instances = [db, openDatabase(databaseFile(dir)), openDatabase(databaseFile(dir))];
    // One after another: in one process a second connection's BEGIN IMMEDIATE would block the
    // thread the first one needs to commit (separate processes simply wait for each other).
    const look = async (now: Date) => {
      const runs = [];
      for (const [i, handle] of instances.entries())
        runs.push(await runScheduledBackup(handle, { dataDir: dir, schedule, holder: `app-${i}`, now }));
      return runs;
    };
    const first = await look(T0);
    expect(first.map((run) => run.ran)).toEqual([true, false, false]);
    expect(first.slice(1)).toEqual([
      { ran: false, reason: 'not-due' },
      { ran: false, reason: 'not-due' },
    ]);
    expect(archives()).toHaveLength(1);

    expect((await look(later(23))).some((run) => run.ran)).toBe(false);
    expect((await look(later(24))).filter((run) => run.ran)).toHaveLength(1);
    expect(archives()).toHaveLength(2);
    for (const handle of instances.slice(1)) closeDatabase(handle);
    cleanup();
  });

  it('keeps the newest BACKUP_KEEP archives', async () => {
    const { db, dir, schedule, archives, cleanup } = await setup(2);
    for (let day = 0; day < 4; day++)
      await runScheduledBackup(db, { dataDir: dir, schedule, holder: 'app', now: later(24 * day) });
    expect(archives()).toEqual(['jixiao-backup-20261203-020000.zip', 'jixiao-backup-20261204-020000.zip']);
    cleanup();
  });

  it('a lease whose holder died runs out, and another instance takes over', async () => {
    const { db, dir, schedule, archives, cleanup } = await setup();
    // app-0 took the lease and died mid-backup: the lease stays taken for its hour.
    await transaction(db, (tx) => takeLease(tx, { name: 'backup', holder: 'app-0', now: T0, until: later(1) }));
    expect(await runScheduledBackup(db, { dataDir: dir, schedule, holder: 'app-1', now: later(0.5) })).toEqual({
      ran: false,
      reason: 'held-elsewhere',
    });
    expect(await runScheduledBackup(db, { dataDir: dir, schedule, holder: 'app-1', now: later(1) })).toMatchObject({
      ran: true,
    });
    expect(archives()).toHaveLength(1);
    cleanup();
  });
});

describe('upgrades: migrations run after an automatic backup', () => {
  it('backs up a database with data before migrating it, and the archive restores the old schema', async () => {
    const { db, dir, cleanup } = await tempDatabase();
    closeDatabase(db);
    // The install as it was one migration ago.
    const older = path.join(dir, 'older-migrations');
    cpSync(path.join(ROOT, 'db', 'migrations'), older, { recursive: true });
    const journalFile = path.join(older, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    journal.entries.pop();
    writeFileSync(journalFile, JSON.stringify(journal));
    const dataDir = path.join(dir, 'data');
    const old = openDatabase(databaseFile(dataDir));
    await migrateDatabase(old, older);
    expect(await migrationState(old)).toEqual({ applied: journal.entries.length, pending: 1 });
    // Raw SQL: the schema of the code is one migration ahead of this database.
    await transaction(old, async (tx) => {
      await tx.run(sql`insert into departments (name) values ('升级前的部门')`);
    });

    const archive = await migrateWithBackup(old, { dataDir, backupDir: path.join(dir, 'backups') });
    expect(archive).toMatch(/jixiao-before-upgrade-\d{8}-\d{6}\.zip$/);
    expect(await migrationState(old)).toMatchObject({ pending: 0 });
    await seedDemo(old);
    expect(await countProjects(old)).toBe(17);
    closeDatabase(old);

    const restoredDir = path.join(dir, 'restored');
    expect(await restoreBackup({ file: archive!, dataDir: restoredDir })).toMatchObject({ ok: true });
    const restored = openDatabase(databaseFile(restoredDir));
    expect(await migrationState(restored)).toEqual({ applied: journal.entries.length, pending: 1 });
    expect(await restored.all(sql`select name from departments`)).toEqual([{ name: '升级前的部门' }]);
    closeDatabase(restored);
    cleanup();
  });

  it('makes no backup on a first start', async () => {
    const { db, dir, cleanup } = await tempDatabase();
    closeDatabase(db);
    const fresh = openDatabase(databaseFile(path.join(dir, 'fresh')));
    expect(await migrateWithBackup(fresh, { dataDir: path.join(dir, 'fresh'), backupDir: path.join(dir, 'b') })).toBe(
      null,
    );
    closeDatabase(fresh);
    cleanup();
  });
});
