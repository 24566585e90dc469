import Link from 'next/link';
import { GradeChart, ScoreHistogram } from '@/components/overview/charts';
import { getDb } from '@/db';
import { loadYearBundles } from '@/db/queries/evaluations';
import { listYears } from '@/db/queries/years';
import { EVALUATION_STATUSES, type EvaluationStatus } from '@/db/schema';
import { requireUser } from '@/lib/auth/session';
import { scoreStored, schemeOfYear } from '@/lib/evaluations/sheet';
import { formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import {
  budgetWeightedAverage,
  departmentStats,
  FLAG_LABELS,
  gradeDistribution,
  overviewRow,
  reviewFlags,
  scoreHistogram,
} from '@/lib/overview/summarize';
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
  const filter = { department: one(query.department), status: one(query.status), grade: one(query.grade) };
  const visible = scored.filter(({ bundle, result }) => {
    const row = overviewRow({ bundle, result });
    return (
      (!filter.department || String(row.departmentId) === filter.department) &&
      (!filter.status || row.status === filter.status) &&
      (!filter.grade || (row.scored && row.grade === filter.grade))
    );
  });
  const rows = visible.map(overviewRow);
  const allRows = scored.map(overviewRow);
  const departments = departmentStats(allRows);
  const flags = reviewFlags(visible, scheme, new Date());
  const average = budgetWeightedAverage(rows);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{year} 年度绩效自评总览</h1>
          <p className="muted">
            {user.role === 'dept_head' ? '本部门' : '全部部门'} · {scored.length} 个项目
          </p>
        </div>
        <div className="button-row no-print">
          <a className="button" href={`/api/years/${year}/evaluations.xlsx`}>
            导出汇总 Excel
          </a>
          <a className="button" href={`/api/years/${year}/indicators.csv`}>
            导出指标明细 CSV
          </a>
        </div>
      </div>

      <form className="card filter-bar no-print" method="get" aria-label="筛选">
        <input type="hidden" name="year" value={year} />
        {user.role !== 'dept_head' && (
          <label className="field">
            <span>部门</span>
            <select name="department" defaultValue={filter.department}>
              <option value="">全部部门</option>
              {departments.map((d) => (
                <option key={d.departmentId} value={d.departmentId}>
                  {d.department}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>状态</span>
          <select name="status" defaultValue={filter.status}>
            <option value="">全部状态</option>
            {EVALUATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s as EvaluationStatus]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>等级</span>
          <select name="grade" defaultValue={filter.grade}>
            <option value="">全部等级</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary">
          筛选
        </button>
        <Link href={`/overview?year=${year}`}>清除筛选</Link>
      </form>

      <section className="stat-cards">
        <div className="card stat">
          <span className="label">项目数</span>
          <span className="value" data-testid="stat-projects">
            {rows.length}
          </span>
        </div>
        <div className="card stat">
          <span className="label">已定稿</span>
          <span className="value">{rows.filter((r) => r.status === 'finalized').length}</span>
        </div>
        <div className="card stat">
          <span className="label">预算合计（万元）</span>
          <span className="value num">{formatWanYuan(rows.reduce((s, r) => s + r.budgetFen, 0))}</span>
        </div>
        <div className="card stat">
          <span className="label">预算加权平均分</span>
          <span className="value" data-testid="stat-average">
            {average ?? '—'}
          </span>
        </div>
      </section>

      <section className="card charts">
        <GradeChart data={gradeDistribution(rows)} />
        <ScoreHistogram data={scoreHistogram(rows)} />
        {!rows.some((r) => r.scored) && <p className="chart-empty">尚无已提交的自评，提交后这里显示等级和得分分布。</p>}
      </section>

      {user.role !== 'dept_head' && departments.length > 0 && (
        <section className="card">
          <h2>各部门</h2>
          <table className="data-table compact" data-testid="department-table">
            <thead>
              <tr>
                <th>部门</th>
                <th className="num">项目数</th>
                <th className="num">已提交</th>
                <th className="num">已定稿</th>
                <th className="num">预算（万元）</th>
                <th className="num">预算加权平均分</th>
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => (
                <tr key={d.departmentId}>
                  <td>{d.department}</td>
                  <td className="num">{d.projects}</td>
                  <td className="num">{d.scored}</td>
                  <td className="num">{d.finalized}</td>
                  <td className="num">{formatWanYuan(d.budgetFen)}</td>
                  <td className="num">{d.weightedAverage ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section className="card">
        <h2>值得关注（{flags.length}）</h2>
        {flags.length === 0 ? (
          <p className="muted">暂无需要特别关注的情况。</p>
        ) : (
          <table className="data-table compact" data-testid="flag-table">
            <thead>
              <tr>
                <th>类型</th>
                <th>项目</th>
                <th>部门</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {flags.map((f, i) => (
                <tr key={i}>
                  <td>
                    <span className={`flag flag-${f.kind}`}>{FLAG_LABELS[f.kind]}</span>
                  </td>
                  <td>
                    <Link href={`/evaluations/${f.evaluationId}`}>{f.project}</Link>
                  </td>
                  <td>{f.department}</td>
                  <td>{f.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card">
        <h2>项目明细</h2>
        {rows.length === 0 ? (
          <p className="empty-state">没有符合筛选条件的项目。</p>
        ) : (
          <table className="data-table compact" data-testid="overview-table">
            <thead>
              <tr>
                <th>部门</th>
                <th>项目名称</th>
                <th>项目负责人</th>
                <th className="num">预算（万元）</th>
                <th>状态</th>
                <th className="num">自评得分</th>
                <th className="num">最终得分</th>
                <th>等级</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="overview-row">
                  <td>{r.department}</td>
                  <td>
                    <Link href={`/evaluations/${r.id}`}>{r.project}</Link>
                  </td>
                  <td>{r.owner ?? '—'}</td>
                  <td className="num">{formatWanYuan(r.budgetFen)}</td>
                  <td>
                    <span className={`status status-${r.status}`}>{STATUS_LABELS[r.status]}</span>
                  </td>
                  <td className="num">{r.scored ? formatScore(r.selfScore) : '—'}</td>
                  <td className="num">{r.finalScore === null ? '—' : formatScore(r.finalScore)}</td>
                  <td>{r.scored ? r.grade : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
