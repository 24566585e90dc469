import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { dialectOf, type Dialect } from './dialect';
import { keyOrder } from './rows';
import { defineTables, type Tables } from './tables';

/*
 * npm run db:copy: a whole database into an empty PostgreSQL one, from a SQLite file or another PostgreSQL.
 * It builds both dialects' tables itself, since db/schema.ts holds only the active one; it is a
 * tool run while the app is stopped, so it talks to the drivers directly.
 */

type TableName = keyof Tables;
type AnyTable = Tables[TableName];
/** Either drizzle database, as PostgreSQL's: the source is only read with select (the same on both). */
type AnyDrizzle = ReturnType<typeof drizzlePg>;

interface Side {
  dialect: Dialect;
  tables: Tables;
  db: AnyDrizzle;
  close(): Promise<void>;
}

function open(target: string): Side {
  const dialect = dialectOf(target);
  const tables = defineTables(dialect);
  if (dialect === 'pg') {
    const pool = new pg.Pool({ connectionString: target, max: 2 });
    return { dialect, tables, db: drizzlePg(pool), close: () => pool.end() };
  }
  const file = new Database(target, { fileMustExist: true });
  const db = drizzleSqlite(file) as unknown as AnyDrizzle;
  return { dialect, tables, db, close: async () => void file.close() };
}

/** The rows as the app reads them (Dates, booleans, parsed JSON), in one canonical form on both sides. */
export function checksum(rows: unknown[]): string {
  const canonical = (value: unknown): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(rows.map(canonical)))
    .digest('hex');
}

export interface CopiedTable {
  table: string;
  rows: number;
  sha256: string;
}

/** PostgreSQL takes at most 65,535 parameters a statement; SQLite 32,766. */
const PARAMETERS_PER_INSERT = 30_000;

/**
 * Copies every table, parents first, in one transaction on the target, and reads each back to
 * compare its row count and checksum with the source's: any difference undoes the whole copy.
 * Refuses a target that holds any row. The target must be migrated already (by the app's start).
 */
export async function copyDatabase(from: string, to: string): Promise<CopiedTable[]> {
  if (dialectOf(to) !== 'pg') throw new Error('--to 须为 PostgreSQL 数据库地址（postgres://…）');
  const source = open(from);
  const target = open(to);
  try {
    const names = Object.keys(source.tables) as TableName[];
    const copy = async (tx: AnyDrizzle) => {
      for (const name of names) {
        if ((await tx.$count(target.tables[name] as never)) > 0) throw new Error(`目标数据库的 ${name} 表不是空的`);
      }
      const copied: CopiedTable[] = [];
      for (const name of names) copied.push(await copyTable(source, tx, target, name));
      return copied;
    };
    return await target.db.transaction((tx) => copy(tx as unknown as AnyDrizzle));
  } finally {
    await source.close();
    await target.close();
  }
}

async function copyTable(source: Side, tx: AnyDrizzle, target: Side, name: TableName): Promise<CopiedTable> {
  const from = source.tables[name] as never as AnyTable;
  const to = target.tables[name] as never as AnyTable;
  const rows = (await source.db
    .select()
    .from(from as never)
    .orderBy(...keyOrder(from))) as Record<string, unknown>[];
  const batch = Math.floor(PARAMETERS_PER_INSERT / Object.keys(getTableColumns(to)).length);
  for (let i = 0; i < rows.length; i += batch) await tx.insert(to as never).values(rows.slice(i, i + batch) as never);
  const back = await tx
    .select()
    .from(to as never)
    .orderBy(...keyOrder(to));
  const [expected, found] = [checksum(rows), checksum(back)];
  if (rows.length !== back.length || expected !== found) {
    throw new Error(`${name}：复制后 ${back.length} 行（校验 ${found}），源库 ${rows.length} 行（校验 ${expected}）`);
  }
  if ('id' in getTableColumns(to)) {
    // Rows inserted with their ids leave the identity sequence behind: the next insert would collide with id 1.
    const table = getTableName(to);
    await tx.execute(
      sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 0) + 1, false) from ${to}`,
    );
  }
  return { table: getTableName(to), rows: rows.length, sha256: expected };
}
