import 'server-only';
import path from 'node:path';
import { migrateDatabase, openDatabase, type Db } from './sqlite';

export {
  closeDatabase,
  integrityCheck,
  migrateDatabase,
  migrationState,
  backupDatabase,
  openDatabase,
  transaction,
  type Db,
  type Durability,
} from './sqlite';

/** The data folder (database, generated secret): `DATA_DIR`, default `./data`. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || path.join(process.cwd(), 'data'));
}

export function databaseFile(dir = dataDir()): string {
  return path.join(/*turbopackIgnore: true*/ dir, 'jixiao.sqlite');
}

const globalForDb = globalThis as unknown as { jixiaoDb?: Db };

/** The one cached handle of the running app (migrated on first use). */
export function getDb(): Db {
  if (!globalForDb.jixiaoDb) {
    const db = openDatabase(databaseFile());
    migrateDatabase(db);
    globalForDb.jixiaoDb = db;
  }
  return globalForDb.jixiaoDb;
}
