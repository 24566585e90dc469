import { sql } from 'drizzle-orm';
import * as pg from 'drizzle-orm/pg-core';
import * as lite from 'drizzle-orm/sqlite-core';

/** The two databases the app runs on: the embedded SQLite file (the default) or a PostgreSQL server. */
export type Dialect = 'sqlite' | 'pg';

/** `postgres://` or `postgresql://` selects PostgreSQL; anything else (unset) is the SQLite file. */
export function dialectOf(url: string | undefined): Dialect {
  return url && /^postgres(ql)?:\/\//.test(url) ? 'pg' : 'sqlite';
}

/** The dialect this process runs on, chosen by DATABASE_URL (read when db/schema.ts is first imported). */
export function activeDialect(env: Record<string, string | undefined> = process.env): Dialect {
  return dialectOf(env.DATABASE_URL);
}

/**
 * The column vocabulary the tables are written in (db/tables.ts), spelled in SQLite. Its types are
 * the ones query code sees, on both dialects: the PostgreSQL spelling below is cast to them.
 */
const sqliteVocabulary = {
  table: lite.sqliteTable,
  id: () => lite.integer('id').primaryKey({ autoIncrement: true }),
  integer: (name: string) => lite.integer(name),
  /** Whole 分: 64-bit on PostgreSQL (a 32-bit integer ends at 21,474,836.47 元). */
  fen: (name: string) => lite.integer(name),
  text: (name: string) => lite.text(name),
  enumText: <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
    lite.text(name, { enum: values as unknown as [T[number], ...T[number][]] }),
  boolean: (name: string) => lite.integer(name, { mode: 'boolean' }),
  /** Kept as written: PostgreSQL's `json`, not `jsonb` (which reorders keys). */
  json: <T>(name: string) => lite.text(name, { mode: 'json' }).$type<T>(),
  /** A moment, read as a Date: milliseconds since the epoch on SQLite, `timestamptz(3)` on PostgreSQL. */
  timestamp: (name: string) => lite.integer(name, { mode: 'timestamp_ms' }),
  now: () => sql`(cast(unixepoch('subsec') * 1000 as integer))`,
  index: lite.index,
  uniqueIndex: lite.uniqueIndex,
  primaryKey: lite.primaryKey,
};
export type Vocabulary = typeof sqliteVocabulary;

/**
 * PostgreSQL's `json`, read as node-postgres hands it over: already parsed. (drizzle's own json column
 * parses a string a second time, so a stored "31" would come back as the number 31.)
 */
const pgJson = pg.customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'json',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});

/** The same words in PostgreSQL, cast to the SQLite face so that query code type-checks once. */
const pgVocabulary = {
  table: pg.pgTable,
  id: () => pg.integer('id').primaryKey().generatedByDefaultAsIdentity(),
  integer: (name: string) => pg.integer(name),
  fen: (name: string) => pg.bigint(name, { mode: 'number' }),
  text: (name: string) => pg.text(name),
  enumText: (name: string, values: readonly [string, ...string[]]) => pg.text(name, { enum: values as [string] }),
  boolean: (name: string) => pg.boolean(name),
  json: (name: string) => pgJson(name),
  timestamp: (name: string) => pg.timestamp(name, { withTimezone: true, precision: 3, mode: 'date' }),
  now: () => sql`now()`,
  index: pg.index,
  uniqueIndex: pg.uniqueIndex,
  primaryKey: pg.primaryKey,
} as unknown as Vocabulary;

export function vocabulary(dialect: Dialect): Vocabulary {
  return dialect === 'pg' ? pgVocabulary : sqliteVocabulary;
}
