import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { PageHead } from '@/components/page-pieces';
import { getDb } from '@/db';
import { getProjectDetail } from '@/db/queries/projects';
import { findYear } from '@/db/queries/years';
import { canViewProject, managesTargets } from '@/lib/auth/scope';
import { requireUser } from '@/lib/auth/session';
import { schemeOfYear } from '@/lib/evaluations/sheet';
import { formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { STATUS_LABELS } from '@/lib/roles';
import { describeTarget, targetKindLabel, targetPoints } from '@/lib/targets/describe';
import { groupSpans } from '@/lib/targets/grouping';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目绩效目标' };

export default async function ProjectPage({ params }: PageProps<'/projects/[id]'>) {
  const user = await requireUser();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const detail = await getProjectDetail(getDb(), { projectId: id });
  if (!detail) notFound();
  if (!canViewProject(user, detail.project)) forbidden();
  const { project, departmentName, ownerName, indicators, evaluationId, status } = detail;
  const diagnostics = managesTargets(user);
  const { points, problems } = targetPoints(
    indicators,
    schemeOfYear((await findYear(getDb(), { year: project.year }))?.scheme),
  );

  const funds: Array<[string, number]> = [
    ['合计', project.budgetTotalFen],
    ['财政拨款', project.budgetFiscalFen],
    ['财政专户拨款', project.budgetSpecialFen],
    ['其他资金', project.budgetOtherFen],
  ];

  return (
    <>
      <PageHead
        title={project.name}
        note={`${departmentName} · 实施单位：${project.implementingUnit} · 项目负责人：${ownerName ?? '未指定'}`}
        breadcrumb={
          <>
            <Link href={`/projects?year=${project.year}`}>{project.year} 年度项目</Link> / {project.name}
          </>
        }
      >
        <div className="button-row">
          {diagnostics && (
            <Link className="button" href={`/projects/${project.id}/targets`}>
              编辑绩效目标
            </Link>
          )}
          {evaluationId && status && (
            <Link className="button primary" href={`/evaluations/${evaluationId}`}>
              绩效自评（{STATUS_LABELS[status]}）
            </Link>
          )}
        </div>
      </PageHead>

      <section className="card">
        <h2>预算（万元）</h2>
        <dl className="funds">
          {funds.map(([label, fen]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="num">{formatWanYuan(fen)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card">
        <h2>绩效目标</h2>
        <p className="prose">{project.goal || <span className="muted">（未填写）</span>}</p>
      </section>

      <section className="card">
        <h2>绩效指标（{indicators.length} 项）</h2>
        {diagnostics &&
          problems.map((problem) => (
            <p key={problem} className="warning" data-testid="points-problem">
              {problem}
            </p>
          ))}
        {indicators.length === 0 ? (
          <p className="empty-state">该项目尚无绩效指标。</p>
        ) : (
          <table className="data-table grouped" data-testid="indicator-table">
            <thead>
              <tr>
                <th>一级指标</th>
                <th>二级指标</th>
                <th>三级指标</th>
                <th>年度指标值</th>
                <th className="num">分值</th>
                <th>计分方式</th>
                {diagnostics && <th>导入提示</th>}
              </tr>
            </thead>
            <tbody>
              {groupSpans(indicators).map(({ row, level1Span, level2Span }, i) => (
                <tr key={row.id}>
                  {level1Span > 0 && (
                    <th rowSpan={level1Span} scope="rowgroup">
                      {row.level1Name}
                    </th>
                  )}
                  {level2Span > 0 && <td rowSpan={level2Span}>{row.level2Name}</td>}
                  <td>{row.name}</td>
                  <td data-testid="target-as-published">{row.annualTargetText}</td>
                  <td className="num" data-testid="indicator-points">
                    {formatScore(points[i])}
                  </td>
                  <td>
                    <span className={`kind kind-${row.parsedTarget.kind}`}>{targetKindLabel(row.parsedTarget)}</span>{' '}
                    {describeTarget(row.parsedTarget)}
                  </td>
                  {diagnostics && (
                    <td data-testid="import-diagnostics">
                      {row.warnings.map((w) => (
                        <p key={w} className="warning">
                          {w}
                        </p>
                      ))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
