import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { makePrivateDir, prepareDatabaseFile } from './private-files';
import * as schema from './schema';
import type { Logger } from 'drizzle-orm';

/**
 * Everything that is SQLite and better-sqlite3 in particular lives in this file: opening the file,
 * its pragmas, migrating, closing, and how a transaction is run. The rest of the code sees only
 * `Db` and `transaction()`, which a PostgreSQL implementation can provide as well.
 */
type Drizzle = BetterSQLite3Database<typeof schema>;

/**
 * The one database handle. Queries take it; `transaction()` hands one out. Drizzle's own (synchronous)
 * `transaction` and the driver are not part of it, so neither can be reached past this file.
 */
export type Db = Omit<Drizzle, 'transaction' | '$client' | 'batch'>;

interface Connection {
  /** Reads outside transactions: committed data only, like a pooled connection; refuses every write. */
  reader: Drizzle;
  /** Transactions, one at a time. */
  writer: Drizzle;
  writerClient: Database.Database;
  clients: Database.Database[];
  /** The tail of the queue of transactions waiting for the writer. */
  queue: Promise<void>;
}

/*
 * Both live beside the handle, not in this module: Next's bundles may each hold a copy of this file,
 * and a handle opened by one copy must still find its connection and its transaction in another.
 */
const CONNECTION = Symbol.for('jixiao.db.connection');
const shared = globalThis as unknown as {
  /** The transaction the running code is inside, if any (`open` turns false when it ends). */
  jixiaoTransaction?: AsyncLocalStorage<{ connection: Connection; open: boolean }>;
};
const current = (shared.jixiaoTransaction ??= new AsyncLocalStorage());

/**
 * FULL: a commit is on disk before it is acknowledged, so a power cut never undoes a save a user was
 * told had succeeded (NORMAL in WAL mode may lose the last commits). NORMAL only for the benchmark
 * that measures what FULL costs (docs/benchmarks.md).
 */
export type Durability = 'FULL' | 'NORMAL';

function openClient(file: string, durability: Durability): Database.Database {
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  client.pragma(`synchronous = ${durability}`);
  // Another process writing at the same moment (a script beside the server) is waited for, not an error.
  client.pragma('busy_timeout = 5000');
  return client;
}

/** Opens (creating if needed) a database file with the pragmas the app relies on; `logger` sees every statement. */
export function openDatabase(
  file: string,
  { durability = 'FULL', logger }: { durability?: Durability; logger?: Logger } = {},
): Db {
  makePrivateDir(path.dirname(file));
  prepareDatabaseFile(file);
  const writerClient = openClient(file, durability);
  const readerClient = openClient(file, durability);
  // Every write goes through transaction(): one attempted anywhere else fails at once.
  readerClient.pragma('query_only = ON');
  // A city's year of lists and aggregates (projects, evaluations, flags and their indexes: about 15 MB
  // at 20,000 projects) stays in the reader's page cache; at the default 2 MB every list re-read it
  // from the OS. The writer, which reads little, keeps the default.
  readerClient.pragma('cache_size = -32768');
  const connection: Connection = {
    reader: drizzle(readerClient, { schema, logger }),
    writer: drizzle(writerClient, { schema, logger }),
    writerClient,
    clients: [writerClient, readerClient],
    queue: Promise.resolve(),
  };
  for (const handle of [connection.reader, connection.writer])
    Object.defineProperty(handle, CONNECTION, { value: connection });
  return connection.reader;
}

function connectionOf(db: Db): Connection {
  const connection = (db as { [CONNECTION]?: Connection })[CONNECTION];
  if (!connection) throw new Error('not a database handle of openDatabase()');
  return connection;
}

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');

export function migrateDatabase(db: Db, migrationsFolder = MIGRATIONS): void {
  migrate(connectionOf(db).writer, { migrationsFolder });
  // The planner's statistics, gathered where missing or stale (SQLite's advice for long-lived
  // connections; bounded work): with them a list sorted by a score walks the score's index and stops
  // at its page instead of sorting a city's year.
  connectionOf(db).writerClient.pragma('optimize=0x10002');
}

/**
 * What migrating would do to this database: how many migrations it has already, and how many are
 * waiting (drizzle applies every migration newer than the newest one recorded).
 */
export function migrationState(db: Db, migrationsFolder = MIGRATIONS): { applied: number; pending: number } {
  const client = connectionOf(db).writerClient;
  const known = client
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  const applied = known
    ? (client.prepare('select count(*) as n, max(created_at) as last from __drizzle_migrations').get() as {
        n: number;
        last: number | null;
      })
    : { n: 0, last: null };
  const pending = readMigrationFiles({ migrationsFolder }).filter(
    (m) => applied.last === null || Number(applied.last) < m.folderMillis,
  ).length;
  return { applied: applied.n, pending };
}

/**
 * A consistent copy of the whole database in `file` (which must not exist), with SQLite's online
 * backup API on the reading connection: the app's writers carry on meanwhile. The copy is made in
 * one step, so writes landing during it cannot make it start over again and again.
 */
export async function backupDatabase(db: Db, file: string): Promise<void> {
  const reader = connectionOf(db).clients[1];
  await reader.backup(file, { progress: () => 0x7fffffff });
}

/** SQLite's own check of the whole file: `ok`, or what it found broken (one problem a line). */
export function integrityCheck(db: Db): string {
  const rows = connectionOf(db).writerClient.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((row) => row.integrity_check).join('\n');
}

/** Closes the file (the last connection to close also folds the write-ahead log back into it). */
export function closeDatabase(db: Db): void {
  for (const client of connectionOf(db).clients) client.close();
}

/**
 * Runs `work` in one transaction: BEGIN IMMEDIATE … COMMIT, or ROLLBACK when it throws (or when
 * `rollback` asks for a dry run). Transactions of one process wait for each other in turn, so two
 * never interleave on the connection; a call inside a transaction joins it instead of waiting.
 */
export async function transaction<T>(
  db: Db,
  work: (tx: Db) => Promise<T>,
  // `serializable` is PostgreSQL's (db/postgres.ts): BEGIN IMMEDIATE transactions run one at a time already.
  { rollback = false }: { rollback?: boolean; serializable?: boolean } = {},
): Promise<T> {
  const connection = connectionOf(db);
  const outer = current.getStore();
  if (outer?.open && outer.connection === connection) {
    if (rollback) throw new Error('a dry run cannot be nested inside another transaction');
    return work(connection.writer);
  }
  const previous = connection.queue;
  let release!: () => void;
  connection.queue = new Promise<void>((resolve) => (release = resolve));
  await previous;
  const state = { connection, open: true };
  try {
    return await current.run(state, async () => {
      const client = connection.writerClient;
      client.exec('BEGIN IMMEDIATE');
      try {
        const value = await work(connection.writer);
        client.exec(rollback ? 'ROLLBACK' : 'COMMIT');
        return value;
      } catch (error) {
        if (client.inTransaction) client.exec('ROLLBACK');
        throw error;
      }
    });
  } finally {
    state.open = false;
    release();
  }
}
