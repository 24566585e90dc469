import Link from 'next/link';
import { DeadlineBadge } from '@/components/deadline-badge';
import { EntryImportPanel } from '@/components/entry/entry-import-panel';
import { DataTable, PageHead, YearSwitch, type Column } from '@/components/page-pieces';
import { DepartmentReportLinks } from '@/components/reports/department-report-links';
import { ListStatus } from '@/components/status-tag';
import { getDb } from '@/db';
import { listProjectsForUser } from '@/db/queries/projects';
import { lastReturns } from '@/db/queries/workflow';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { nextStepFor, pastOwner } from '@/lib/workflow/state-machine';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目' };

type ProjectRow = Awaited<ReturnType<typeof listProjectsForUser>>[number];
const finalised = (row: ProjectRow) => row.status === 'finalized';

export default async function ProjectsPage({ searchParams }: PageProps<'/projects'>) {
  const user = await requireUser();
  const db = getDb();
  const years = await listYears(db);
  const year = pickYear(years, (await searchParams).year);
  const rows = year === null ? [] : await listProjectsForUser(db, { user, year });
  const returns = await lastReturns(db, {
    evaluationIds: rows.flatMap((r) => (r.status === 'returned' && r.evaluationId ? [r.evaluationId] : [])),
  });
  const deadline = years.find((y) => y.year === year)?.deadline ?? null;
  const now = new Date();
  const totalFen = rows.reduce((sum, r) => sum + r.project.budgetTotalFen, 0);
  const scopeText = user.role === 'owner' ? '我负责的项目' : user.role === 'dept_head' ? '本部门项目' : '全部项目';
  const showOwner = user.role !== 'owner';
  const columns: Array<Column<ProjectRow>> = [
    { header: '序号', className: 'num', cell: (_, i) => i + 1 },
    { header: '项目名称', cell: (row) => <Link href={`/projects/${row.project.id}`}>{row.project.name}</Link> },
    { header: '项目负责人', cell: (row) => row.ownerName ?? <span className="muted">未指定</span>, shown: showOwner },
    { header: '预算（万元）', className: 'num', cell: (row) => formatWanYuan(row.project.budgetTotalFen) },
    { header: '指标数', className: 'num', cell: (row) => row.indicatorCount },
    {
      header: '状态',
      cell: (row) => (
        <>
          <ListStatus status={row.status} returned={row.evaluationId ? returns.get(row.evaluationId) : undefined} />
          {row.status && !pastOwner(row.status) && (
            <>
              {' '}
              <DeadlineBadge deadline={deadline} now={now} />
            </>
          )}
        </>
      ),
    },
    { header: '得分', className: 'num', cell: (row) => formatScore(finalised(row) ? row.finalScore : row.selfScore) },
    { header: '等级', cell: (row) => (finalised(row) ? row.finalGrade : row.selfGrade) ?? '' },
    {
      header: '下一步',
      cell: (row) =>
        row.evaluationId && row.status ? (
          <Link href={`/evaluations/${row.evaluationId}`} className="next-step">
            {nextStepFor(user.role, row.status)}
          </Link>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];

  return (
    <>
      <PageHead
        title={year ? `${year} 年度项目` : '项目'}
        note={
          <>
            {scopeText}
            {deadline && (
              <>
                {' '}
                · <DeadlineBadge deadline={deadline} now={now} withDate />
              </>
            )}
          </>
        }
      >
        {user.role === 'dept_head' && year && rows.length > 0 && (
          <a className="button no-print" href={`/api/years/${year}/targets.xlsx`}>
            导出本部门目标表（Excel）
          </a>
        )}
        <YearSwitch years={years} current={year} href={(y) => `/projects?year=${y}`} />
      </PageHead>
      {year && user.role !== 'owner' && <DepartmentReportLinks year={year} rows={rows} />}
      {year && user.role === 'owner' && rows.some((r) => r.status && !pastOwner(r.status)) && (
        <EntryImportPanel target={{ kind: 'year', year }} downloadHref={`/api/years/${year}/entry.xlsx`} />
      )}

      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{year ? '本年度暂无您可查看的项目。' : '尚未导入任何年度的绩效目标表。'}</p>
          <p className="muted">项目由系统管理员或财政局导入绩效目标表后出现；如有疑问请联系部门负责人。</p>
        </div>
      ) : (
        <DataTable
          columns={columns}
          rows={rows}
          testId="project-table"
          footer={
            <tr>
              <td />
              <td>合计（{rows.length} 个项目）</td>
              {showOwner && <td />}
              <td className="num" data-testid="budget-total">
                {formatWanYuan(totalFen)}
              </td>
              <td className="num">{rows.reduce((sum, r) => sum + r.indicatorCount, 0)}</td>
              <td colSpan={4} />
            </tr>
          }
        />
      )}
    </>
  );
}
