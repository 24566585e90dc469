import Link from 'next/link';
import type { ListView } from '@/lib/lists/list-view';

/**
 * The pieces every page is built of: the breadcrumb, the heading with its note and buttons, the
 * year switch. One place for their markup, so that pages say only what is theirs.
 */
export function PageHead({
  title,
  note,
  breadcrumb,
  children,
}: {
  title: React.ReactNode;
  note?: React.ReactNode;
  /** Where the page sits, with links back up, above the heading. */
  breadcrumb?: React.ReactNode;
  /** Buttons beside the heading. */
  children?: React.ReactNode;
}) {
  return (
    <>
      {breadcrumb && <p className="breadcrumb">{breadcrumb}</p>}
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          {note && <p className="muted">{note}</p>}
        </div>
        {children}
      </div>
    </>
  );
}

/** Links to the same page for each year, the shown one marked; nothing when there is only one year. */
export function YearSwitch({
  years,
  current,
  href,
}: {
  years: Array<{ year: number }>;
  current: number | null;
  href: (year: number) => string;
}) {
  if (years.length <= 1) return null;
  return (
    <nav className="year-switch" aria-label="年度">
      {years.map(({ year }) => (
        <Link key={year} href={href(year)} aria-current={year === current ? 'page' : undefined}>
          {year}
        </Link>
      ))}
    </nav>
  );
}

export interface Column<R> {
  header: React.ReactNode;
  /** `num` for numbers, `nowrap`…: on the header cell and on every cell of the column. */
  className?: string;
  /** Only on the body cells (`prose`, `old`). */
  cellClassName?: string;
  cell: (row: R, index: number) => React.ReactNode;
  /** False leaves the column out (one that some roles do not see). */
  shown?: boolean;
  /** The list's sort key of this column: its header becomes a link that sorts by it. */
  sort?: string;
}

const SORT_ARIA = { asc: 'ascending', desc: 'descending' } as const;

/** A header that sorts the list by its column (again: the other way round), and says how it is sorted now. */
function HeaderCell<R>({ column, list }: { column: Column<R>; list?: ListView }) {
  if (!column.sort || !list) return <th className={column.className}>{column.header}</th>;
  const state = list.sortState(column.sort);
  return (
    <th className={column.className} aria-sort={state ? SORT_ARIA[state] : undefined}>
      <Link href={list.sortHref(column.sort)} className="sort-link" scroll={false}>
        {column.header}
        <span aria-hidden="true" className="sort-mark">
          {state === 'asc' ? '▲' : state === 'desc' ? '▼' : '↕'}
        </span>
      </Link>
    </th>
  );
}

/**
 * A table of rows, one column definition each: the markup and the test ids every list here shares.
 * Rows are keyed by their `id` (else their place); a `user-table` has `user-row` rows.
 */
/**
 * Only the props that have a value: a page's server-rendered rows travel to the browser once more as
 * data, where every `className: undefined` of a 50-row table with ten columns is 500 needless entries.
 */
function presentProps<P extends Record<string, string | undefined>>(props: P): Partial<P> {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value)) as Partial<P>;
}

const cellClassOf = (column: { className?: string; cellClassName?: string }) =>
  [column.className, column.cellClassName].filter(Boolean).join(' ') || undefined;

export function DataTable<R>({
  columns,
  rows,
  testId,
  compact = false,
  className,
  rowClassName,
  tail,
  footer,
  list,
}: {
  columns: Array<Column<R>>;
  rows: R[];
  testId?: string;
  compact?: boolean;
  className?: string;
  rowClassName?: (row: R) => string | undefined;
  /** A last body row of its own shape (the budget line under the indicators). */
  tail?: React.ReactNode;
  /** Rows under the body (totals), as cells of the same columns. */
  footer?: React.ReactNode;
  /** The paged list the rows are a page of: columns with a `sort` key get sorting headers. */
  list?: ListView;
}) {
  const shown = columns.filter((c) => c.shown !== false);
  const rowTestId = testId?.endsWith('-table') ? testId.replace(/-table$/, '-row') : undefined;
  const keyOf = (row: R, index: number): React.Key => (row as { id?: React.Key }).id ?? index;
  return (
    <table className={['data-table', compact && 'compact', className].filter(Boolean).join(' ')} data-testid={testId}>
      <thead>
        <tr>
          {shown.map((column, c) => (
            <HeaderCell key={c} column={column} list={list} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={keyOf(row, r)} {...presentProps({ 'data-testid': rowTestId, className: rowClassName?.(row) })}>
            {shown.map((column, c) => (
              <td key={c} {...presentProps({ className: cellClassOf(column) })}>
                {column.cell(row, r)}
              </td>
            ))}
          </tr>
        ))}
        {tail}
      </tbody>
      {footer && <tfoot>{footer}</tfoot>}
    </table>
  );
}
