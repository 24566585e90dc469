import type { Direction, ListQuery, ListSpec } from '@/db/list-query';

/**
 * A list's view as the URL gives it: `page`, `pageSize`, `sort` (`selfScore`, `-selfScore` for
 * descending), `q` and one parameter per filter. Several lists on one page each take a prefix
 * (`dept_page`, `dept_sort`). Pages ignore what they cannot read; the API refuses it (400).
 */

export type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

export interface PageSizes {
  default: number;
  /** The sizes a page offers; the API takes any size from 1 to `max`. */
  choices?: readonly number[];
  max: number;
}

/** What the list pages offer: 20, 50 or 100 rows, 50 by default. */
export const PAGE_SIZES: PageSizes = { default: 50, choices: [20, 50, 100], max: 100 };
/** The list API: 100 rows by default, at most 500. */
export const API_PAGE_SIZES: PageSizes = { default: 100, max: 500 };

export function paramOf(params: SearchParams, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

const paramName = (prefix: string, name: string) => (prefix ? `${prefix}_${name}` : name);

/** What reading a URL needs of a list's spec: its sort names, its default sort and its filters' values. */
export type ListShape<S extends string, F extends string> = Pick<ListSpec<S, F>, 'defaultSort'> & {
  sorts: Record<S, unknown>;
  filters: Record<F, Pick<ListSpec['filters'][string], 'values'>>;
};

export type ListRead<S extends string, F extends string> =
  { ok: true; query: ListQuery<S, F> } | { ok: false; query: ListQuery<S, F>; message: string };

const POSITIVE_INTEGER = /^[1-9]\d{0,8}$/;

/** The query of a list, with every parameter it could not read replaced by its default and named in `message`. */
export function readListQuery<S extends string, F extends string>(
  spec: ListShape<S, F>,
  params: SearchParams,
  { prefix = '', sizes = PAGE_SIZES }: { prefix?: string; sizes?: PageSizes } = {},
): ListRead<S, F> {
  const problems: string[] = [];
  const read = (name: string) => paramOf(params, paramName(prefix, name))?.trim() ?? '';

  const pageText = read('page');
  let page = 1;
  if (pageText && POSITIVE_INTEGER.test(pageText)) page = Number(pageText);
  else if (pageText) problems.push(`page 应为正整数（收到“${pageText}”）`);

  const sizeText = read('pageSize');
  let pageSize = sizes.default;
  const sizeValue = Number(sizeText);
  const sizeOk = POSITIVE_INTEGER.test(sizeText) && (sizes.choices?.includes(sizeValue) ?? sizeValue <= sizes.max);
  if (sizeText && sizeOk) pageSize = sizeValue;
  else if (sizeText)
    problems.push(
      sizes.choices
        ? `pageSize 只能是 ${sizes.choices.join('、')}（收到“${sizeText}”）`
        : `pageSize 应为 1 到 ${sizes.max} 的整数（收到“${sizeText}”）`,
    );

  const sortText = read('sort');
  let sort = spec.defaultSort.key;
  let direction: Direction = spec.defaultSort.direction;
  if (sortText) {
    const key = sortText.replace(/^-/, '');
    if (Object.hasOwn(spec.sorts, key)) {
      sort = key as S;
      direction = sortText.startsWith('-') ? 'desc' : 'asc';
    } else problems.push(`sort 只能是 ${Object.keys(spec.sorts).join('、')}，可加“-”表示降序（收到“${sortText}”）`);
  }

  const filters: Partial<Record<F, string>> = {};
  for (const [name, filter] of Object.entries(spec.filters) as Array<[F, ListShape<S, F>['filters'][F]]>) {
    const value = read(name);
    if (!value) continue;
    const accepted = filter.values === 'id' ? POSITIVE_INTEGER.test(value) : filter.values.includes(value);
    if (accepted) filters[name] = value;
    else
      problems.push(
        filter.values === 'id'
          ? `${paramName(prefix, name)} 应为编号（收到“${value}”）`
          : `${paramName(prefix, name)} 只能是 ${filter.values.join('、')}（收到“${value}”）`,
      );
  }

  const q = read('q').slice(0, 100);
  const query = { page, pageSize, sort, direction, q, filters };
  return problems.length === 0
    ? { ok: true, query }
    : { ok: false, query, message: `参数有误：${problems.join('；')}` };
}

/** The URL parameters of a query, defaults left out so that links stay short. */
export function listParams<S extends string, F extends string>(
  spec: Pick<ListSpec<S, F>, 'defaultSort'>,
  query: ListQuery<S, F>,
  { prefix = '', sizes = PAGE_SIZES }: { prefix?: string; sizes?: PageSizes } = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  const set = (name: string, value: string) => (out[paramName(prefix, name)] = value);
  if (query.q) set('q', query.q);
  for (const [name, value] of Object.entries(query.filters) as Array<[string, string | undefined]>)
    if (value) set(name, value);
  const defaultSort = query.sort === spec.defaultSort.key && query.direction === spec.defaultSort.direction;
  if (!defaultSort) set('sort', `${query.direction === 'desc' ? '-' : ''}${query.sort}`);
  if (query.pageSize !== sizes.default) set('pageSize', String(query.pageSize));
  if (query.page !== 1) set('page', String(query.page));
  return out;
}

export { paramName };

/** Only the search and the filters of a query, as URL parameters: what an export started from the list follows. */
export function filterParams(query: Pick<ListQuery, 'q' | 'filters'>): Record<string, string> {
  const out: Record<string, string> = query.q ? { q: query.q } : {};
  for (const [name, value] of Object.entries(query.filters)) if (value) out[name] = value;
  return out;
}
