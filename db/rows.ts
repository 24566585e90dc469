import { asc, getTableColumns, type Column, type SQL, type Table } from 'drizzle-orm';

/** The one row a query asks for (with `.limit(1)`), or undefined when there is none. */
export async function firstRow<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  const rows = await query;
  return rows[0];
}

/** Rows by a key, in input order within each group (Map.groupBy arrived in Node 21; this runs on 20). */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** An evaluation's cached scores and grades, as the lists show them. */
export const SCORE_COLUMNS = ['selfScore', 'finalScore', 'selfGrade', 'finalGrade'] as const;

/** Some columns of a table by name, for a select that takes them as they are (`columnsOf(users, 'id', 'role')`). */
export function columnsOf<T extends Table, K extends keyof T['_']['columns'] & string>(
  table: T,
  ...names: K[]
): Pick<T['_']['columns'], K> {
  const columns = getTableColumns(table);
  return Object.fromEntries(names.map((name) => [name, columns[name]])) as Pick<T['_']['columns'], K>;
}

/**
 * One order for a table's rows, the same on both dialects: its id, or for a table with a composite
 * primary key (spot-check items, department figures) every column but a json one (PostgreSQL cannot
 * order json). For db:copy's checksums and the tests' row lists.
 */
export function keyOrder(table: Table): SQL[] {
  const columns = Object.values(getTableColumns(table)) as Column[];
  const key = columns.filter((c) => c.primary);
  return (key.length > 0 ? key : columns.filter((c) => c.getSQLType() !== 'json')).map((c) => asc(c));
}

/** A list cut into runs of at most `size`, for statements whose bound values must stay few. */
export function inChunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
