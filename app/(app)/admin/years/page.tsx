import Link from 'next/link';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { getDb } from '@/db';
import { listYearDepartments, listYearsWithCounts } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { schemeOfYear } from '@/lib/evaluations/sheet';
import { SCHEME_LABELS } from '@/lib/years/labels';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '年度与评分方案' };

type YearRow = Awaited<ReturnType<typeof listYearsWithCounts>>[number];

export default async function YearsPage() {
  await requireUser(['finance', 'admin']);
  const db = getDb();
  const years = await listYearsWithCounts(db);
  const departments = await listYearDepartments(db);
  const columns: Array<Column<YearRow>> = [
    { header: '年度', cell: ({ year: y }) => y.year },
    { header: '评分方案', cell: ({ year: y }) => SCHEME_LABELS[schemeOfYear(y.scheme).name] ?? '自定义方案' },
    { header: '状态', cell: ({ year: y }) => (y.status === 'open' ? '开放' : '已关闭') },
    { header: '截止日期', cell: ({ year: y }) => y.deadline ?? '—' },
    { header: '项目数', className: 'num', cell: (row) => row.projects },
    { header: '已提交', className: 'num', cell: (row) => row.submitted },
    {
      header: '目标表（Excel）',
      cell: ({ year: y }) =>
        departments
          .filter((d) => d.year === y.year)
          .map((d) => (
            <a key={d.id} className="download-link" href={`/api/years/${y.year}/targets.xlsx?department=${d.id}`}>
              {d.name}
            </a>
          )),
    },
    {
      header: '操作',
      cell: ({ year: y }) => (
        <div className="button-row">
          <Link className="button" href={`/admin/years/${y.year}`}>
            设置
          </Link>
          <Link className="button" href={`/admin/years/${y.year}/rollover`}>
            结转到 {y.year + 1} 年度
          </Link>
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHead
        title="年度与评分方案"
        note="每个年度有自己的评分方案；有自评提交后方案即锁定。年度关闭后项目负责人不能再填写或提交。"
      />
      {years.length === 0 ? (
        <div className="empty-state">
          尚无年度。请先<Link href="/admin/targets">导入绩效目标表</Link>。
        </div>
      ) : (
        <DataTable columns={columns} rows={years} testId="year-table" />
      )}
    </>
  );
}
