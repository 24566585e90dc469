import Link from 'next/link';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { DrawSpotCheckForm } from '@/components/spot-check/draw-form';
import { getDb } from '@/db';
import { listSpotChecks, spotCheckRows } from '@/db/queries/spot-checks';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { paramOf } from '@/lib/lists/list-params';
import { describeSpotCheck, SPOT_CHECK_HEADER, spotCheckLines } from '@/lib/spot-check/export';
import { SPOT_CHECK } from '@/lib/workflow/state-machine';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '抽查复核' };

export default async function SpotChecksPage({ searchParams }: PageProps<'/admin/spot-checks'>) {
  await requireUser(SPOT_CHECK.roles);
  const db = getDb();
  const params = await searchParams;
  const year = pickYear(await listYears(db), paramOf(params, 'year'));
  if (year === null) return <div className="empty-state">尚未导入任何年度的绩效目标表。</div>;
  const checks = await listSpotChecks(db, { year });
  const chosen = checks.find((c) => String(c.id) === paramOf(params, 'check')) ?? checks[0];
  const lines = chosen ? spotCheckLines(await spotCheckRows(db, { spotCheckId: chosen.id })) : [];
  const columns: Array<Column<(typeof lines)[number]>> = SPOT_CHECK_HEADER.map((header, i) => ({
    header,
    cell: (line) => line[i],
    className: i === 0 || i >= 4 ? 'num' : undefined,
  }));
  return (
    <>
      <PageHead
        title={`${year} 年度抽查复核`}
        note="从部门已审核和已定稿的自评中随机抽取；同一随机种子和条件总是抽到同样的项目，可据此复现。抽中的项目可在总览中按“抽查”筛选。"
      />
      <DrawSpotCheckForm year={year} />
      {checks.length > 0 && (
        <section className="card">
          <h2>已抽取的样本（{checks.length}）</h2>
          <ul data-testid="spot-check-list">
            {checks.map((c) => (
              <li key={c.id}>
                <Link
                  href={`/admin/spot-checks?year=${year}&check=${c.id}`}
                  aria-current={c === chosen ? 'page' : undefined}
                >
                  {formatDateTime(c.createdAt)}：从 {c.population} 项中抽取 {c.drawn} 项（{describeSpotCheck(c)}）
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {chosen && (
        <section className="card">
          <h2 data-testid="spot-check-seed">
            样本 #{chosen.id}：{describeSpotCheck(chosen)}
          </h2>
          <p className="button-row">
            <a className="button" href={`/api/spot-checks/${chosen.id}`}>
              导出 CSV
            </a>
            <Link className="button" href={`/overview?year=${year}&spot=yes`}>
              在总览中查看抽查项目
            </Link>
          </p>
          <DataTable columns={columns} rows={lines} testId="spot-check-table" />
        </section>
      )}
    </>
  );
}
