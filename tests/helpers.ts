import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, type SQL } from 'drizzle-orm';
import { closeDatabase, databaseFile, migrateDatabase, openDatabase, transaction, type Db } from '@/db';
import { activeDialect } from '@/db/dialect';
import { findVersion, type VersionedRecord } from '@/db/queries/versions';
import { keyOrder } from '@/db/rows';
import { auditLog, type AuditEntityType, type AuditEntry } from '@/db/schema';
import { tsxArgs } from '@/scripts/tsx';
import { clonedDatabase } from './pg-database';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

export const ROOT = path.resolve(__dirname, '..');
export const SEED_FILE = path.join(ROOT, 'db', 'seed-data', 'baiyun-emergency-2024-targets.txt');

export interface TempDatabase {
  db: Db;
  /** A fresh temporary folder beside it (the data folder: evidence, backups). */
  dir: string;
  cleanup: () => Promise<void>;
}

/**
 * A real database, migrated: a SQLite file in a fresh temporary folder, or in the PostgreSQL run of
 * the suite (DATABASE_URL, vitest.pg.config.mts) a fresh database on the run's cluster.
 */
export async function tempDatabase(): Promise<TempDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-test-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (activeDialect() === 'pg') {
    const { url, drop } = await clonedDatabase();
    const db = openDatabase(url, { max: 4 });
    return { db, dir, cleanup: () => closeDatabase(db).then(drop).then(removeDir) };
  }
  const db = openDatabase(path.join(dir, 'jixiao.sqlite'));
  await migrateDatabase(db);
  return { db, dir, cleanup: () => closeDatabase(db).then(removeDir) };
}

/**
 * The environment a script run by a test uses for its database: the SQLite file in DATA_DIR, or in
 * the PostgreSQL run a fresh database of its own (DATABASE_URL), dropped by `cleanup`. `open` gives
 * the test a handle on that same database (close it before `cleanup`).
 */
export async function scriptDatabase(
  dataDir: string,
): Promise<{ env: Record<string, string>; open: () => Db; cleanup: () => Promise<void> }> {
  if (activeDialect() === 'sqlite') {
    const open = () => openDatabase(databaseFile(dataDir));
    return { env: { DATA_DIR: dataDir }, open, cleanup: async () => undefined };
  }
  const { url, drop } = await clonedDatabase();
  return { env: { DATA_DIR: dataDir, DATABASE_URL: url }, open: () => openDatabase(url, { max: 2 }), cleanup: drop };
}

/** Runs one of the npm scripts' entry points as a real process. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, tsxArgs(script, args), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A table's rows where a condition holds, by primary key (insertion order): what a test asserts on. */
export function rowsOf<T extends SQLiteTable>(db: Db, table: T, where?: SQL): Promise<Array<T['$inferSelect']>> {
  return db
    .select()
    .from(table as SQLiteTable)
    .where(where)
    .orderBy(...keyOrder(table)) as Promise<Array<T['$inferSelect']>>;
}

/** The one row a test expects (it fails loudly when there is none). */
export async function rowOf<T extends SQLiteTable>(db: Db, table: T, where?: SQL): Promise<T['$inferSelect']> {
  const [row] = await rowsOf(db, table, where);
  if (!row) throw new Error('no such row');
  return row;
}

/** A test arranging the database writes as the app does: in a transaction. */
export function arrange<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return transaction(db, work);
}

/** One entity's audit entries, oldest first, with the fields a test compares. */
export async function auditTrail<K extends keyof AuditEntry>(
  db: Db,
  { entityType, entityId }: { entityType: AuditEntityType; entityId: number },
  fields: K[],
): Promise<Array<Pick<AuditEntry, K>>> {
  const rows = await rowsOf(db, auditLog, and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)));
  return rows.map((row) => Object.fromEntries(fields.map((f) => [f, row[f]])) as Pick<AuditEntry, K>);
}

/** Every row of some tables, as one string: equal before and after means nothing was written. */
export async function snapshotOf(db: Db, tables: SQLiteTable[]): Promise<string> {
  return JSON.stringify(await Promise.all(tables.map((table) => rowsOf(db, table))));
}

/** An operation's input with the record's version now added, as a form opened just now sends it. */
export async function atCurrentVersion<I extends object>(db: Db, record: VersionedRecord, id: unknown, input: I) {
  return { ...input, version: (await findVersion(db, { record, id: Number(id) })) ?? 1 };
}

export { readZip, type ReadEntry } from './read-zip';
