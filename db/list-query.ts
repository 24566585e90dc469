import 'server-only';
import { and, count, or, sql, type Column, type SQL, type Subquery } from 'drizzle-orm';
import type { Db } from './sqlite';

/**
 * One mechanism for every paged list: a list describes its sortable columns, its search and its
 * filters once (a `ListSpec`), and a `ListQuery` (what the URL asked for, parsed by lib/lists) turns
 * into a WHERE condition, an ORDER BY and a LIMIT/OFFSET here. To give a list another filter or a
 * sortable column, add one entry to its spec.
 */

export type Direction = 'asc' | 'desc';
type Orderable = Column | SQL | SQL.Aliased;

export interface SortSpec {
  /** What to order by, in turn (a department, then its table order). */
  by: readonly Orderable[];
  /** The column may be empty: empty values go last in either direction. */
  nullable?: boolean;
}

export interface FilterSpec {
  /** The values the URL may carry; anything else is refused (400 in the API, ignored on pages). */
  values: readonly string[] | 'id';
  where: (value: string) => SQL | undefined;
}

export interface ListSpec<S extends string = string, F extends string = string> {
  sorts: Record<S, SortSpec>;
  defaultSort: { key: NoInfer<S>; direction: Direction };
  /** Unique together, last in every order, so that pages never overlap or skip a row. */
  tiebreak: readonly Orderable[];
  /** Text columns the search box looks in (every word must be found in one of them). */
  search: readonly Orderable[];
  filters: Record<F, FilterSpec>;
}

/** A list's spec, its sort and filter names inferred (and the default sort checked against them). */
export function defineList<S extends string, F extends string>(spec: ListSpec<S, F>): ListSpec<S, F> {
  return spec;
}

export interface ListQuery<S extends string = string, F extends string = string> {
  page: number;
  pageSize: number;
  sort: S;
  direction: Direction;
  q: string;
  filters: Partial<Record<F, string>>;
}

/** The query of a list with this spec. */
export type QueryOf<Spec> = Spec extends ListSpec<infer S, infer F> ? ListQuery<S, F> : never;

export interface Page<R> {
  items: R[];
  total: number;
  page: number;
  pageSize: number;
}

/** `%` and `_` are literal in a search; `\` escapes them (with `escape '\'`, the same on both dialects). */
const likeTerm = (word: string) => `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function searchCondition(columns: readonly Orderable[], q: string): SQL | undefined {
  const words = q.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || columns.length === 0) return undefined;
  return and(
    ...words.map((word) => or(...columns.map((column) => sql`lower(${column}) like ${likeTerm(word)} escape '\\'`))),
  );
}

/** The search and every filter the query sets, as one condition (undefined when there is none). */
export function listCondition<S extends string, F extends string>(
  spec: ListSpec<S, F>,
  query: ListQuery<S, F>,
): SQL | undefined {
  const conditions: Array<SQL | undefined> = [searchCondition(spec.search, query.q)];
  for (const [name, value] of Object.entries(query.filters) as Array<[F, string | undefined]>)
    if (value) conditions.push(spec.filters[name].where(value));
  return and(...conditions);
}

/** ORDER BY of the query's sort, then the spec's tiebreak. */
export function listOrder<S extends string, F extends string>(spec: ListSpec<S, F>, query: ListQuery<S, F>): SQL[] {
  const sort = spec.sorts[query.sort] ?? spec.sorts[spec.defaultSort.key];
  const direction = query.direction === 'desc' ? sql`desc` : sql`asc`;
  const nulls = sort.nullable ? sql` nulls last` : sql``;
  return [
    ...sort.by.map((by) => sql`${by} ${direction}${nulls}`),
    ...spec.tiebreak.map((by) => sql`${by} ${direction}`),
  ];
}

/** A value's place in a fixed order (statuses in workflow order, grades best first), for sorting by it. */
export const rankOf = (value: Orderable, order: readonly string[]) =>
  sql`case ${value} ${sql.join(
    order.map((v, i) => sql`when ${v} then ${i}`),
    sql` `,
  )} end`;

export const pageOffset = (query: Pick<ListQuery, 'page' | 'pageSize'>) => (query.page - 1) * query.pageSize;

/**
 * What a list's source must allow (drizzle's dynamic select does): narrowing, ordering, a window, and
 * standing as a subquery, which is how its rows are counted: over exactly the same joins and condition.
 */
export interface DynamicSelect<R> extends PromiseLike<R[]> {
  where(where: SQL | undefined): DynamicSelect<R>;
  orderBy(...columns: SQL[]): DynamicSelect<R>;
  limit(limit: number): DynamicSelect<R>;
  offset(offset: number): DynamicSelect<R>;
  as(alias: string): Subquery;
}

/** How many rows a source gives under a condition. */
export async function countRows(db: Db, source: DynamicSelect<unknown>, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ total: count() }).from(source.where(where).as('counted'));
  return row?.total ?? 0;
}

/**
 * One page of a list: `source` is called twice, for the page's rows and for their count. `count`
 * replaces the plain count where the list counts more in the same pass (its 合计). `pageKeys`, where
 * the source's rows are wide, gives a condition that picks the page's rows by key from a narrow
 * select of the same rows (sorted, windowed): the database sorts keys, then reads whole rows for the
 * page alone.
 */
export async function readPage<R, S extends string, F extends string>(
  db: Db,
  spec: ListSpec<S, F>,
  query: ListQuery<S, F>,
  {
    source,
    where,
    count = (condition) => countRows(db, source(), condition),
    pageKeys,
  }: {
    source: () => DynamicSelect<R>;
    where?: SQL | undefined;
    count?: (condition: SQL | undefined) => Promise<number>;
    pageKeys?: (window: { where: SQL | undefined; order: SQL[]; limit: number; offset: number }) => SQL;
  },
): Promise<Page<R>> {
  const condition = and(where, listCondition(spec, query));
  const order = listOrder(spec, query);
  const window = { where: condition, order, limit: query.pageSize, offset: pageOffset(query) };
  const rows = pageKeys
    ? source()
        .where(pageKeys(window))
        .orderBy(...order)
    : source()
        .where(condition)
        .orderBy(...order)
        .limit(window.limit)
        .offset(window.offset);
  const [items, total] = await Promise.all([rows, count(condition)]);
  return { items, total, page: query.page, pageSize: query.pageSize };
}
