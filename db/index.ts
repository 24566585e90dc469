import 'server-only';
import path from 'node:path';
import { activeDialect, dialectOf } from './dialect';
import {
  closePostgres,
  isPostgres,
  migratePostgres,
  oneStartAtATime,
  openPostgres,
  poolMaxFromEnv,
  postgresMigrationState,
  postgresTransaction,
  type PostgresTransactionOptions,
} from './postgres';
import * as sqlite from './sqlite';
import type { Db, Durability } from './sqlite';
import type { Logger } from 'drizzle-orm';

/*
 * Where the app gets its handle. DATABASE_URL=postgres://… selects PostgreSQL (db/postgres.ts);
 * unset, the SQLite file in the data folder (db/sqlite.ts). Both give out the same `Db`.
 */
export type { Db, Durability };
export { isPostgres, poolMaxFromEnv };

/** The data folder (database, generated secret): `DATA_DIR`, default `./data`. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || path.join(process.cwd(), 'data'));
}

export function databaseFile(dir = dataDir()): string {
  return path.join(/*turbopackIgnore: true*/ dir, 'jixiao.sqlite');
}

/**
 * Opens a SQLite file (creating it if needed) or, for a `postgres://` URL, a pool on that database.
 * The dialect must be the one db/schema.ts was built for (DATABASE_URL's, read at its import).
 */
export function openDatabase(
  target: string,
  options: { durability?: Durability; logger?: Logger; max?: number } = {},
): Db {
  const dialect = dialectOf(target);
  if (dialect !== activeDialect()) {
    throw new Error(
      `db/schema.ts holds the ${activeDialect()} tables (DATABASE_URL): cannot open a ${dialect} database`,
    );
  }
  return dialect === 'pg' ? openPostgres(target, options) : sqlite.openDatabase(target, options);
}

/** The database the app runs on: DATABASE_URL's PostgreSQL database, else the SQLite file in `dir`. */
export function openAppDatabase(dir = dataDir(), options: { logger?: Logger } = {}): Db {
  return openDatabase(activeDialect() === 'pg' ? process.env.DATABASE_URL! : databaseFile(dir), options);
}

/** Applies the migrations the database lacks (on PostgreSQL under a lock: instances starting together take turns). */
export async function migrateDatabase(db: Db, migrationsFolder?: string): Promise<void> {
  if (isPostgres(db)) await migratePostgres(db, migrationsFolder);
  else sqlite.migrateDatabase(db, migrationsFolder);
}

/** How many migrations the database has, and how many are waiting. */
export async function migrationState(db: Db, migrationsFolder?: string): Promise<{ applied: number; pending: number }> {
  return isPostgres(db) ? postgresMigrationState(db, migrationsFolder) : sqlite.migrationState(db, migrationsFolder);
}

/** Runs the start's preparation of the database; on PostgreSQL one instance after another. */
export function prepareOnce<T>(db: Db, work: () => Promise<T>): Promise<T> {
  return isPostgres(db) ? oneStartAtATime(db, work) : work();
}

export async function closeDatabase(db: Db): Promise<void> {
  if (isPostgres(db)) await closePostgres(db);
  else sqlite.closeDatabase(db);
}

export type TransactionOptions = PostgresTransactionOptions;

/**
 * Runs `work` in one transaction, committed when it returns and rolled back when it throws (or, with
 * `rollback`, always: a dry run). A call inside a transaction joins it. See db/sqlite.ts and
 * db/postgres.ts for how each dialect keeps two transactions from interfering.
 */
export function transaction<T>(db: Db, work: (tx: Db) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  return isPostgres(db) ? postgresTransaction(db, work, options) : sqlite.transaction(db, work, options);
}

/** A consistent copy of the SQLite file (the backup archive's); PostgreSQL is backed up with its own tools. */
export function backupDatabase(db: Db, file: string): Promise<void> {
  return sqlite.backupDatabase(sqliteOnly(db, 'backup'), file);
}

export function integrityCheck(db: Db): string {
  return sqlite.integrityCheck(sqliteOnly(db, 'integrity check'));
}

function sqliteOnly(db: Db, what: string): Db {
  if (isPostgres(db)) throw new Error(`the ${what} of the app is for the SQLite file; on PostgreSQL use pg_dump`);
  return db;
}

const globalForDb = globalThis as unknown as { jixiaoDb?: Db };

/**
 * The one cached handle of the running app. The SQLite file is migrated on first use; PostgreSQL
 * was migrated by `npm start` before the server started (migrating is asynchronous there).
 */
export function getDb(): Db {
  if (!globalForDb.jixiaoDb) {
    const db = openAppDatabase();
    if (!isPostgres(db)) sqlite.migrateDatabase(db);
    globalForDb.jixiaoDb = db;
  }
  return globalForDb.jixiaoDb;
}
