import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { makePrivateDir, prepareDatabaseFile } from './private-files';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle inside `db.transaction((tx) => …)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The data folder (database, generated secret): `DATA_DIR`, default `./data`. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || path.join(process.cwd(), 'data'));
}

export function databaseFile(dir = dataDir()): string {
  return path.join(/*turbopackIgnore: true*/ dir, 'jixiao.sqlite');
}

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');

/** Opens (creating if needed) a database file with the pragmas the app relies on. */
export function openDatabase(file: string): Db {
  makePrivateDir(path.dirname(file));
  prepareDatabaseFile(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // Concurrent writers (two saves at once) wait instead of failing with SQLITE_BUSY.
  sqlite.pragma('busy_timeout = 5000');
  return drizzle(sqlite, { schema }) as Db;
}

export function migrateDatabase(db: Db, migrationsFolder = MIGRATIONS): void {
  migrate(db, { migrationsFolder });
}

const globalForDb = globalThis as unknown as { jixiaoDb?: Db };

/** The one cached client of the running app (migrated on first use). */
export function getDb(): Db {
  if (!globalForDb.jixiaoDb) {
    const db = openDatabase(databaseFile());
    migrateDatabase(db);
    globalForDb.jixiaoDb = db;
  }
  return globalForDb.jixiaoDb;
}

export { schema };
