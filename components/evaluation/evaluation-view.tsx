import { EvidenceCell, EvidenceSection } from '@/components/evidence/evidence-cell';
import { DataTable, type Column } from '@/components/page-pieces';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { describeActualWithUnits } from '@/lib/evaluations/labels';
import { rowKey } from '@/lib/evidence/rows';
import { formatRate, formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { DEDUCTION_WORDS, type EvaluationResult } from '@/lib/scoring';
import { ReviewReasonCell, ReviewScoreCell } from './review-cells';

type Indicator = EvaluationBundle['indicators'][number];

/**
 * The evaluation as stored, read-only: what heads and finance review, and what everyone sees once
 * submitted. `reviewing`: finance's 复核得分 and 理由 inputs sit in each row (inside ReviewWorkbench).
 */
export function EvaluationView({
  bundle,
  result,
  reviewing = false,
}: {
  bundle: EvaluationBundle;
  result: EvaluationResult;
  reviewing?: boolean;
}) {
  const p = result.precision;
  const e = bundle.evaluation;
  const scoredOf = (i: number) => result.indicators[i];
  const resultOf = (ind: Indicator) => bundle.results.get(ind.id);
  const columns: Array<Column<Indicator>> = [
    { header: '序号', className: 'num', cell: (_, i) => i + 1 },
    {
      header: '一级 / 二级指标',
      cellClassName: 'muted',
      cell: (ind) => `${ind.level1Name} / ${ind.level2Name}`,
    },
    { header: '三级指标', cell: (ind) => ind.name },
    { header: '年度指标值', cell: (ind) => ind.annualTargetText },
    {
      header: '实际完成值',
      cell: (ind) =>
        describeActualWithUnits(ind.parsedTarget, resultOf(ind)?.actual ?? null) || (
          <span className="muted">未填写</span>
        ),
    },
    { header: '分值', className: 'num', cell: (_, i) => formatScore(scoredOf(i).points) },
    { header: '完成率', className: 'num', cell: (_, i) => formatRate(scoredOf(i).rate) },
    {
      header: '自评得分',
      className: 'num',
      cell: (ind, i) => (
        <>
          {formatScore(scoredOf(i).selfScore, p)}
          {resultOf(ind)?.deductionScore != null && (
            <small className="note">
              {DEDUCTION_WORDS.action}，{DEDUCTION_WORDS.reason}：{resultOf(ind)?.deductionReason}
            </small>
          )}
        </>
      ),
    },
    {
      header: '复核得分',
      shown: reviewing,
      cell: (ind, i) => <ReviewScoreCell line={`indicators.${i}`} label={`第${i + 1}行 ${ind.name}`} />,
    },
    {
      header: '复核理由',
      shown: reviewing,
      cell: (ind, i) => <ReviewReasonCell line={`indicators.${i}`} label={`第${i + 1}行 ${ind.name}`} />,
    },
    {
      header: '复核得分',
      className: 'num',
      shown: !reviewing,
      cell: (ind, i) => (
        <span data-testid={`reviewed-${i + 1}`}>
          {scoredOf(i).reviewedScore !== null && (
            <>
              {formatScore(scoredOf(i).reviewedScore, p)}
              <small className="note">{resultOf(ind)?.reviewedReason}</small>
            </>
          )}
        </span>
      ),
    },
    { header: '偏差原因分析及改进措施', cellClassName: 'prose', cell: (ind) => resultOf(ind)?.explanation },
    {
      header: '佐证材料',
      cell: (ind) => <EvidenceCell rowKey={rowKey({ target: 'indicator', indicatorId: ind.id })} />,
    },
  ];
  const budgetLine = (
    <tr>
      <td />
      <td colSpan={3}>
        预算执行率（全年预算数 {formatWanYuan(e.budgetAdjustedFen ?? bundle.project.budgetTotalFen)} → 全年执行数{' '}
        {e.budgetExecutedFen === null ? '未填写' : formatWanYuan(e.budgetExecutedFen)}）
      </td>
      <td>{formatRate(result.budget.rate)}</td>
      <td className="num">{formatScore(result.budget.points)}</td>
      <td />
      <td className="num">{formatScore(result.budget.computedScore, p)}</td>
      {reviewing ? (
        <>
          <td>
            <ReviewScoreCell line="budget" label="预算执行率" />
          </td>
          <td>
            <ReviewReasonCell line="budget" label="预算执行率" />
          </td>
        </>
      ) : (
        <td className="num">
          {result.budget.reviewedScore !== null && (
            <>
              {formatScore(result.budget.reviewedScore, p)}
              <small className="note">{e.budgetReviewedReason}</small>
            </>
          )}
        </td>
      )}
      <td className="prose">{e.budgetExplanation}</td>
      <td>
        <EvidenceCell rowKey="budget" />
      </td>
    </tr>
  );
  return (
    <>
      <DataTable columns={columns} rows={bundle.indicators} testId="view-table" tail={budgetLine} />
      <section className="card goal-grid">
        <div>
          <h2>年度总体目标 · 预期目标</h2>
          <p className="prose">{bundle.project.goal}</p>
        </div>
        <div>
          <h2>实际完成情况</h2>
          <p className="prose" data-testid="goal-actual">
            {e.goalActual || <span className="muted">未填写</span>}
          </p>
        </div>
        <EvidenceSection rowKey="goal" />
      </section>
    </>
  );
}
