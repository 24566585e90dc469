import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import type { Db } from './sqlite';
import type { Logger } from 'drizzle-orm';

/**
 * Everything that is PostgreSQL and node-postgres in particular: the pool, migrating under a lock,
 * how a transaction is run and retried. The handle it gives out is the same `Db` the SQLite side
 * gives (db/schema.ts builds PostgreSQL's tables under the SQLite types), so queries do not change.
 */
type Drizzle = NodePgDatabase<typeof schema>;
type Tx = Parameters<Parameters<Drizzle['transaction']>[0]>[0];

interface Connection {
  url: string;
  pool: pg.Pool;
  drizzle: Drizzle;
}

const CONNECTION = Symbol.for('jixiao.db.postgres');
const shared = globalThis as unknown as {
  /** The transaction the running code is inside, if any (`open` turns false when it ends). */
  jixiaoPgTransaction?: AsyncLocalStorage<{ connection: Connection; tx: Tx; open: boolean }>;
};
const current = (shared.jixiaoPgTransaction ??= new AsyncLocalStorage());

/** `DATABASE_POOL_MAX`, default 10: a mistyped value must stop the start, not make a pool of NaN. */
export function poolMaxFromEnv(value = process.env.DATABASE_POOL_MAX): number {
  if (value === undefined || value.trim() === '') return 10;
  const max = Number(value);
  if (!Number.isInteger(max) || max < 1) {
    throw new Error(`DATABASE_POOL_MAX 应为正整数（每个实例的数据库连接数），当前为“${value}”`);
  }
  return max;
}

/** A pool on the PostgreSQL database `url` names; `DATABASE_POOL_MAX` connections at most (default 10). */
export function openPostgres(url: string, { logger, max }: { logger?: Logger; max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: max ?? poolMaxFromEnv(),
    // As on SQLite, every write goes through transaction() (READ WRITE): one attempted anywhere else fails at once.
    options: '-c default_transaction_read_only=on',
  });
  // An idle client losing its server (a restart) must not take the process down with it.
  pool.on('error', (error) => process.stderr.write(`[绩效自评] PostgreSQL: ${error.message}\n`));
  const handle = drizzle(pool, { schema, logger });
  Object.defineProperty(handle, CONNECTION, { value: { url, pool, drizzle: handle } satisfies Connection });
  return handle as unknown as Db;
}

function connectionOf(db: Db): Connection | undefined {
  return (db as { [CONNECTION]?: Connection })[CONNECTION];
}

export function isPostgres(db: Db): boolean {
  return connectionOf(db) !== undefined;
}

function requireConnection(db: Db): Connection {
  const connection = connectionOf(db);
  if (!connection) throw new Error('not a database handle of openPostgres()');
  return connection;
}

export const PG_MIGRATIONS = path.join(process.cwd(), 'db', 'migrations-pg');

/** Any constant: the key of the session lock two instances starting at once migrate under, in turn. */
const MIGRATION_LOCK = 7_041_700;

/**
 * A connection of its own, outside the pool, for a session lock: a lock held on a pooled client
 * would take one of the pool's connections away from the work done under it (with
 * DATABASE_POOL_MAX=1, all of them: the start waited forever). Its session is writable (the pool's
 * read-only default is set per pooled connection). Closing it ends its locks.
 */
async function withLockedClient<T>(db: Db, key: number, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: requireConnection(db).url });
  client.on('error', (error) => process.stderr.write(`[绩效自评] PostgreSQL: ${error.message}\n`));
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [key]);
    return await work(client);
  } finally {
    await client.end();
  }
}

/** drizzle's migrator takes no lock: without one, two instances starting together would both apply 0000. */
export async function migratePostgres(db: Db, migrationsFolder = PG_MIGRATIONS): Promise<void> {
  // A session lock belongs to one connection, so the whole migration runs on the client holding it.
  await withLockedClient(db, MIGRATION_LOCK, (client) => migrate(drizzle(client), { migrationsFolder }));
}

/** Another key: the start's preparation (migrate, seed, backfill) of one instance at a time. */
const START_LOCK = 7_041_701;

/**
 * Runs `work` while holding the start lock: instances starting together on an empty database would
 * otherwise each find it empty and each seed the demo. The work itself runs on the pool.
 */
export function oneStartAtATime<T>(db: Db, work: () => Promise<T>): Promise<T> {
  return withLockedClient(db, START_LOCK, () => work());
}

/** How many migrations the database has, and how many are waiting (as drizzle decides: by date). */
export async function postgresMigrationState(db: Db, migrationsFolder = PG_MIGRATIONS) {
  const { pool } = requireConnection(db);
  const known = await pool.query("select to_regclass('drizzle.__drizzle_migrations') is not null as known");
  const applied = known.rows[0].known
    ? (await pool.query('select count(*)::int as n, max(created_at) as last from drizzle.__drizzle_migrations')).rows[0]
    : { n: 0, last: null };
  const pending = readMigrationFiles({ migrationsFolder }).filter(
    (m) => applied.last === null || Number(applied.last) < m.folderMillis,
  ).length;
  return { applied: Number(applied.n), pending };
}

export async function closePostgres(db: Db): Promise<void> {
  await requireConnection(db).pool.end();
}

/** serialization_failure and deadlock_detected: the transaction did nothing and may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 8;

/** drizzle wraps driver errors (DrizzleQueryError): the SQLSTATE is on a cause. */
function sqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export interface PostgresTransactionOptions {
  rollback?: boolean;
  /**
   * A check over rows the work does not write (the last active administrator) must hold at commit:
   * SERIALIZABLE, run again when PostgreSQL refuses the commit. The work must then have no effect
   * outside the database (mail, files). Claims of a version need none of it: `UPDATE … WHERE
   * version = ? RETURNING` already lets exactly one of two concurrent claims through.
   */
  serializable?: boolean;
}

class DryRun<T> extends Error {
  constructor(readonly value: T) {
    super('dry run');
  }
}

/** One transaction on one pooled client (READ COMMITTED unless `serializable`); a call inside one joins it. */
export async function postgresTransaction<T>(
  db: Db,
  work: (tx: Db) => Promise<T>,
  { rollback = false, serializable = false }: PostgresTransactionOptions = {},
): Promise<T> {
  const outer = current.getStore();
  if (outer?.open && connectionOf(db) === outer.connection) {
    if (rollback) throw new Error('a dry run cannot be nested inside another transaction');
    return work(outer.tx as unknown as Db);
  }
  const connection = requireConnection(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(connection, work, { rollback, serializable });
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has(sqlState(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** attempt));
    }
  }
}

async function runOnce<T>(
  connection: Connection,
  work: (tx: Db) => Promise<T>,
  { rollback, serializable }: Required<PostgresTransactionOptions>,
): Promise<T> {
  try {
    return await connection.drizzle.transaction(
      async (tx) => {
        // A transaction() called with `tx` finds its way back here (and joins this one).
        Object.defineProperty(tx, CONNECTION, { value: connection });
        const state = { connection, tx, open: true };
        try {
          const value = await current.run(state, () => work(tx as unknown as Db));
          if (rollback) throw new DryRun(value);
          return value;
        } finally {
          state.open = false;
        }
      },
      { isolationLevel: serializable ? 'serializable' : 'read committed', accessMode: 'read write' },
    );
  } catch (error) {
    if (error instanceof DryRun) return error.value as T;
    throw error;
  }
}
