import Link from 'next/link';
import { Options } from '@/components/options';
import type { ListView } from '@/lib/lists/list-view';

/**
 * The pieces every paged list shares: the filter bar (a plain GET form, so the URL holds the view and
 * Back works), the total, and the pager (links, reachable and followed from the keyboard). With the
 * sorting headers of DataTable (`Column.sort`) they are the whole of a list's controls.
 */

export interface FilterChoice {
  /** The filter's name in the list's spec (its URL parameter, with the list's prefix). */
  name: string;
  label: string;
  /** The first option, meaning no filter: 全部部门. */
  all: string;
  options: Array<[value: string, text: string]>;
}

export function FilterBar({
  list,
  filters = [],
  searchLabel = '搜索',
  searchPlaceholder,
  label = '筛选',
}: {
  list: ListView;
  filters?: FilterChoice[];
  /** Without a label the bar has no search box. */
  searchLabel?: string | null;
  searchPlaceholder?: string;
  label?: string;
}) {
  const { query } = list;
  return (
    <form className="card filter-bar no-print" method="get" aria-label={label} role="search">
      {Object.entries(list.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {searchLabel && (
        <label className="field search-field">
          <span>{searchLabel}</span>
          <input type="search" name={list.param('q')} defaultValue={query.q} placeholder={searchPlaceholder} />
        </label>
      )}
      {filters.map((filter) => (
        <label key={filter.name} className="field">
          <span>{filter.label}</span>
          <select
            name={list.param(filter.name)}
            defaultValue={(query.filters as Record<string, string>)[filter.name] ?? ''}
          >
            <option value="">{filter.all}</option>
            {filter.options.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
      ))}
      {list.sizes.choices && (
        <label className="field">
          <span>每页</span>
          <select name={list.param('pageSize')} defaultValue={String(query.pageSize)}>
            <Options items={list.sizes.choices} label={(size) => `${size} 项`} />
          </select>
        </label>
      )}
      <button type="submit" className="button primary">
        {label}
      </button>
      <Link href={list.href({ q: '', filters: {} })}>清除</Link>
    </form>
  );
}

/** The page numbers around the current one, with the first and the last: 1 … 4 5 [6] 7 8 … 40. */
export function pageNumbers(page: number, pageCount: number): Array<number | null> {
  const wanted = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const pages = [...wanted].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  return pages.flatMap((p, i) => (i > 0 && p - pages[i - 1] > 1 ? [null, p] : [p]));
}

/** `共 1,234 项，第 3 / 25 页` and the links between pages; nothing to page through says so too. */
export function Pager({ list, label = '分页', unit = '项' }: { list: ListView; label?: string; unit?: string }) {
  const { page, pageSize } = list.query;
  const { total, pageCount } = list;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = (target: number, text: React.ReactNode, aria: string, rel?: string) =>
    target < 1 || target > pageCount || target === page ? (
      <span className="pager-link" aria-disabled="true">
        {text}
      </span>
    ) : (
      <Link className="pager-link" href={list.href({ page: target })} aria-label={aria} rel={rel} scroll={false}>
        {text}
      </Link>
    );
  return (
    <nav className="pager no-print" aria-label={label}>
      <span className="pager-total" data-testid={`${list.prefix || 'list'}-total`}>
        共 {total.toLocaleString('en-US')} {unit}
        {total > 0 && `，第 ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} ${unit}`}
      </span>
      {pageCount > 1 && (
        <span className="pager-pages">
          {link(page - 1, '上一页', '上一页', 'prev')}
          {pageNumbers(page, pageCount).map((p, i) =>
            p === null ? (
              <span key={`gap-${i}`} className="pager-gap" aria-hidden="true">
                …
              </span>
            ) : p === page ? (
              <span key={p} className="pager-link current" aria-current="page">
                {p}
              </span>
            ) : (
              <Link
                key={p}
                className="pager-link"
                href={list.href({ page: p })}
                aria-label={`第 ${p} 页`}
                scroll={false}
              >
                {p}
              </Link>
            ),
          )}
          {link(page + 1, '下一页', '下一页', 'next')}
        </span>
      )}
    </nav>
  );
}
