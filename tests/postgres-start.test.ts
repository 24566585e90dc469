import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, poolMaxFromEnv, prepareOnce, transaction, type Db } from '@/db';
import { activeDialect } from '@/db/dialect';
import { insertDepartment } from '@/db/queries/departments';
import { departments } from '@/db/schema';
import { migrateWithBackup } from '@/lib/backup/upgrade';
import { rowsOf } from './helpers';
import { emptyDatabase } from './pg-database';

/** A start that waits for a connection it can never get fails here instead of hanging the run. */
function withinSeconds<T>(seconds: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, hung]).finally(() => clearTimeout(timer));
}

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** An empty database, and `instances` handles on it that each have one pooled connection. */
async function poolsOfOne(instances: number): Promise<Db[]> {
  const { url, drop } = await emptyDatabase();
  cleanups.push(drop);
  return Array.from({ length: instances }, () => {
    const db = openDatabase(url, { max: 1 });
    cleanups.push(() => closeDatabase(db));
    return db;
  });
}

/** What `npm start` does under its start lock (scripts/start.ts prepareDatabase): migrate, then read and write. */
async function prepare(db: Db, name: string): Promise<boolean> {
  return prepareOnce(db, async () => {
    await migrateWithBackup(db, { dataDir: '/nonexistent', backupDir: '/nonexistent' });
    const empty = (await rowsOf(db, departments)).length === 0;
    await transaction(db, (tx) => insertDepartment(tx, { name }));
    return empty;
  });
}

describe.skipIf(activeDialect() !== 'pg')('the start on PostgreSQL with DATABASE_POOL_MAX=1', () => {
  it('migrates an empty database and prepares it with the one pooled connection', async () => {
    const [db] = await poolsOfOne(1);
    expect(await withinSeconds(20, prepare(db, '甲部门'))).toBe(true);
    expect((await rowsOf(db, departments)).map((d) => d.name)).toEqual(['甲部门']);
  });

  it('two instances starting together take turns, each with a pool of one', async () => {
    const [first, second] = await poolsOfOne(2);
    const emptyAtStart = await withinSeconds(30, Promise.all([prepare(first, '甲部门'), prepare(second, '乙部门')]));
    // Exactly one of them found the database empty: the other started after its preparation.
    expect(emptyAtStart.sort()).toEqual([false, true]);
    expect((await rowsOf(first, departments)).map((d) => d.name).sort()).toEqual(['乙部门', '甲部门']);
  });
});

describe('DATABASE_POOL_MAX', () => {
  it('defaults to 10 and refuses what is not a positive whole number', () => {
    expect(poolMaxFromEnv(undefined)).toBe(10);
    expect(poolMaxFromEnv('1')).toBe(1);
    expect(poolMaxFromEnv('25')).toBe(25);
    for (const bad of ['0', '-3', '2.5', 'ten'])
      expect(() => poolMaxFromEnv(bad)).toThrow('DATABASE_POOL_MAX 应为正整数');
  });
});
