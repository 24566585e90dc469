import Link from 'next/link';
import { DataTable, type Column } from '@/components/page-pieces';
import { mostOutstanding, PROGRESS_ROWS, type Progress, type progressSwitch } from '@/lib/workflow/progress';

/** 已提交 x / y · 未开始 · 草稿 · 已退回 · 逾期, one row per department or owner, with the total under it. */
export function ProgressTable({
  title,
  rows,
  groupHeader,
  groupings = [],
  moreHref,
}: {
  title: string;
  rows: Progress[];
  groupHeader: string;
  /** Links to the other groupings (finance: 按部门 / 按项目负责人). */
  groupings?: ReturnType<typeof progressSwitch>;
  /** Where every group is listed, when the table shows only some. */
  moreHref?: string;
}) {
  const shown = mostOutstanding(rows, PROGRESS_ROWS);
  const total = rows.reduce<Progress>(
    (sum, p) => ({
      group: '合计',
      total: sum.total + p.total,
      submitted: sum.submitted + p.submitted,
      notStarted: sum.notStarted + p.notStarted,
      draft: sum.draft + p.draft,
      returned: sum.returned + p.returned,
      overdue: sum.overdue + p.overdue,
    }),
    { group: '合计', total: 0, submitted: 0, notStarted: 0, draft: 0, returned: 0, overdue: 0 },
  );
  const columns: Array<Column<Progress>> = [
    { header: groupHeader, cell: (p) => p.group },
    { header: '已提交', className: 'num', cell: (p) => `${p.submitted} / ${p.total}` },
    { header: '未开始', className: 'num', cell: (p) => p.notStarted },
    { header: '草稿', className: 'num', cell: (p) => p.draft },
    { header: '已退回', className: 'num', cell: (p) => p.returned },
    {
      header: '逾期',
      className: 'num',
      cell: (p) => (p.overdue > 0 ? <span className="overdue">{p.overdue}</span> : 0),
    },
  ];
  return (
    <details className="card progress-card" open={rows.length <= 12}>
      <summary>
        <h2 className="inline">{title}</h2>{' '}
        <span className="muted" data-testid="progress-summary">
          已提交 {total.submitted} / {total.total} · 未开始 {total.notStarted} · 草稿 {total.draft} · 已退回{' '}
          {total.returned} · 逾期 {total.overdue}
        </span>
      </summary>
      {groupings.length > 0 && (
        <nav className="button-row" aria-label="填报进度分组" data-testid="progress-groupings">
          {groupings.map((g) => (
            <Link
              key={g.grouping}
              href={g.href}
              className={g.current ? 'button primary' : 'button'}
              aria-current={g.current ? 'true' : undefined}
            >
              {g.label}
            </Link>
          ))}
        </nav>
      )}
      <DataTable columns={columns} rows={shown} testId="progress-table" compact />
      {shown.length < rows.length && (
        <p className="muted" data-testid="progress-more">
          列出待提交最多的 {shown.length} 个{groupHeader}，另有 {rows.length - shown.length} 个未列出
          {moreHref && (
            <>
              ，<Link href={moreHref}>在年度总览查看全部</Link>
            </>
          )}
          。
        </p>
      )}
    </details>
  );
}
