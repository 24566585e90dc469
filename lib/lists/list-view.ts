import type { Direction, ListQuery } from '@/db/list-query';
import {
  listParams,
  paramName,
  PAGE_SIZES,
  readListQuery,
  type ListShape,
  type PageSizes,
  type SearchParams,
} from './list-params';

/**
 * A list on a page as its pieces (sort headers, pager, filter bar) need it: the query, the total, and
 * the link to the same page with the query changed. Everything else in the URL (the year, another
 * list's page) is kept in every link, so a link reproduces the whole view.
 */
export interface ListView<S extends string = string, F extends string = string> {
  query: ListQuery<S, F>;
  total: number;
  prefix: string;
  sizes: PageSizes;
  /** The parameter this list calls `name` (`dept_page` for `page` with the prefix `dept`). */
  param(name: string): string;
  /** What the filter form sends beside its fields: the page's other parameters and this list's sort. */
  hidden: Record<string, string>;
  href(change: Partial<ListQuery<S, F>>): string;
  /** The link a column's header leads to: that column ascending, or reversed when it is the sort now. */
  sortHref(key: S): string;
  /** How the list is sorted by `key` now, if it is. */
  sortState(key: S): Direction | undefined;
  pageCount: number;
  /** The URL says something of this list: another page, sort, size, search or filter than the default. */
  changed: boolean;
}

const LIST_PARAMS = ['page', 'pageSize', 'sort', 'q'];

/** A page's parameters as name–value pairs (the first value of a repeated one). */
export function toEntries(params: SearchParams): Array<[string, string]> {
  if (params instanceof URLSearchParams) return [...params.entries()];
  return Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v[0] : v]]));
}

export function hrefOf(path: string, params: Record<string, string>): string {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  return search ? `${path}?${search}` : path;
}

export function listView<S extends string, F extends string>({
  path,
  params,
  spec,
  total,
  query,
  prefix = '',
  sizes = PAGE_SIZES,
  firstDescending = [],
}: {
  path: string;
  params: SearchParams;
  spec: ListShape<S, F>;
  total: number;
  /** The query as read (defaults where the URL said nothing); read from `params` when not given. */
  query?: ListQuery<S, F>;
  prefix?: string;
  sizes?: PageSizes;
  /** Columns whose first click sorts descending (scores, money: the largest first). */
  firstDescending?: readonly S[];
}): ListView<S, F> {
  const current = query ?? readListQuery(spec, params, { prefix, sizes }).query;
  const own = new Set([...LIST_PARAMS, ...Object.keys(spec.filters)].map((name) => paramName(prefix, name)));
  const others = Object.fromEntries(toEntries(params).filter(([k]) => !own.has(k)));
  const href = (change: Partial<ListQuery<S, F>>) => {
    // Anything but a page change starts again at page 1.
    const next = { ...current, page: 1, ...change };
    return hrefOf(path, { ...others, ...listParams(spec, next, { prefix, sizes }) });
  };
  const sortState = (key: S) => (current.sort === key ? current.direction : undefined);
  const sortParam = listParams(spec, { ...current, q: '', filters: {}, page: 1 }, { prefix, sizes })[
    paramName(prefix, 'sort')
  ];
  return {
    query: current,
    total,
    prefix,
    sizes,
    param: (name) => paramName(prefix, name),
    hidden: sortParam ? { ...others, [paramName(prefix, 'sort')]: sortParam } : others,
    href,
    sortState,
    sortHref: (key) => {
      const now = sortState(key);
      const first: Direction = firstDescending.includes(key) ? 'desc' : 'asc';
      return href({ sort: key, direction: now ? (now === 'asc' ? 'desc' : 'asc') : first });
    },
    pageCount: Math.max(1, Math.ceil(total / current.pageSize)),
    changed: Object.keys(listParams(spec, current, { prefix, sizes })).length > 0,
  };
}
