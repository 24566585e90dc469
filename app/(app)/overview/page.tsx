import Link from 'next/link';
import { GradeChart, ScoreHistogram } from '@/components/overview/charts';
import { DepartmentTable, FlagTable, OverviewTable } from '@/components/overview/overview-tables';
import { PageHead } from '@/components/page-pieces';
import { getDb } from '@/db';
import { evidenceFlaggedEvaluationIds } from '@/db/queries/attachments';
import { loadYearBundles } from '@/db/queries/evaluations';
import { listYears } from '@/db/queries/years';
import { EVALUATION_STATUSES } from '@/db/schema';
import { requireUser } from '@/lib/auth/session';
import { scoreStored, schemeOfYear } from '@/lib/evaluations/sheet';
import { formatWanYuan } from '@/lib/money';
import { summarizeOverview } from '@/lib/overview/summarize';
import { STATUS_LABELS } from '@/lib/roles';
import { GRADES } from '@/lib/scoring';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '年度总览' };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function OverviewPage({ searchParams }: PageProps<'/overview'>) {
  const user = await requireUser(['finance', 'admin', 'dept_head']);
  const db = getDb();
  const years = await listYears(db);
  const query = await searchParams;
  const year = pickYear(years, one(query.year));
  if (year === null) return <div className="empty-state">尚未导入任何年度的绩效目标表。</div>;

  const scheme = schemeOfYear(years.find((y) => y.year === year)?.scheme);
  const scored = (await loadYearBundles(db, { user, year })).map((bundle) => ({
    bundle,
    result: scoreStored(bundle).result,
  }));
  const filter = {
    department: one(query.department),
    status: one(query.status),
    grade: one(query.grade),
    evidence: one(query.evidence),
  };
  const evidenceFlagged = await evidenceFlaggedEvaluationIds(db, { year });
  const overview = summarizeOverview(scored, { filter, scheme, today: new Date(), evidenceFlagged });
  const { rows, departments, flags, average } = overview;

  const filterOptions: Array<
    [name: keyof typeof filter, label: string, all: string, options: Array<[string, string]>]
  > = [
    ['department', '部门', '全部部门', departments.map((d) => [String(d.departmentId), d.department])],
    ['status', '状态', '全部状态', EVALUATION_STATUSES.map((s) => [s, STATUS_LABELS[s]])],
    ['grade', '等级', '全部等级', GRADES.map((g) => [g, g])],
    ['evidence', '佐证材料', '不限', [['missing', '有退回时标记的缺佐证']]],
  ];
  const stats: Array<{ label: string; value: React.ReactNode; testId?: string; money?: boolean }> = [
    { label: '项目数', value: rows.length, testId: 'stat-projects' },
    { label: '已定稿', value: rows.filter((r) => r.status === 'finalized').length },
    { label: '预算合计（万元）', value: formatWanYuan(rows.reduce((s, r) => s + r.budgetFen, 0)), money: true },
    { label: '预算加权平均分', value: average ?? '—', testId: 'stat-average' },
  ];

  return (
    <>
      <PageHead
        title={`${year} 年度绩效自评总览`}
        note={`${user.role === 'dept_head' ? '本部门' : '全部部门'} · ${scored.length} 个项目`}
      >
        <div className="button-row no-print">
          <a className="button" href={`/api/years/${year}/evaluations.xlsx`}>
            导出汇总 Excel
          </a>
          <a className="button" href={`/api/years/${year}/indicators.csv`}>
            导出指标明细 CSV
          </a>
        </div>
      </PageHead>

      <form className="card filter-bar no-print" method="get" aria-label="筛选">
        <input type="hidden" name="year" value={year} />
        {filterOptions
          .filter(([name]) => name !== 'department' || user.role !== 'dept_head')
          .map(([name, label, all, options]) => (
            <label key={name} className="field">
              <span>{label}</span>
              <select name={name} defaultValue={filter[name]}>
                <option value="">{all}</option>
                {options.map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
            </label>
          ))}
        <button type="submit" className="button primary">
          筛选
        </button>
        <Link href={`/overview?year=${year}`}>清除筛选</Link>
      </form>

      <section className="stat-cards">
        {stats.map(({ label, value, testId, money }) => (
          <div key={label} className="card stat">
            <span className="label">{label}</span>
            <span className={money ? 'value num' : 'value'} data-testid={testId}>
              {value}
            </span>
          </div>
        ))}
      </section>

      <section className="card charts">
        <GradeChart data={overview.grades} />
        <ScoreHistogram data={overview.histogram} />
        {!rows.some((r) => r.scored) && <p className="chart-empty">尚无已提交的自评，提交后这里显示等级和得分分布。</p>}
      </section>

      {user.role !== 'dept_head' && departments.length > 0 && (
        <section className="card">
          <h2>各部门</h2>
          <DepartmentTable departments={departments} />
        </section>
      )}

      <section className="card">
        <h2>值得关注（{flags.length}）</h2>
        {flags.length === 0 ? <p className="muted">暂无需要特别关注的情况。</p> : <FlagTable flags={flags} />}
      </section>

      <section className="card">
        <h2>项目明细</h2>
        {rows.length === 0 ? <p className="empty-state">没有符合筛选条件的项目。</p> : <OverviewTable rows={rows} />}
      </section>
    </>
  );
}
