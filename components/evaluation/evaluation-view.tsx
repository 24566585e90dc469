import type { EvaluationBundle } from '@/db/queries/evaluations';
import { describeActualWithUnits } from '@/lib/evaluations/labels';
import { formatRate, formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import type { EvaluationResult } from '@/lib/scoring';

/** The evaluation as stored, read-only: what heads and finance review, and what everyone sees once submitted. */
export function EvaluationView({ bundle, result }: { bundle: EvaluationBundle; result: EvaluationResult }) {
  const p = result.precision;
  const e = bundle.evaluation;
  return (
    <>
      <table className="data-table" data-testid="view-table">
        <thead>
          <tr>
            <th className="num">序号</th>
            <th>一级 / 二级指标</th>
            <th>三级指标</th>
            <th>年度指标值</th>
            <th>实际完成值</th>
            <th className="num">分值</th>
            <th className="num">完成率</th>
            <th className="num">自评得分</th>
            <th className="num">复核得分</th>
            <th>偏差原因分析及改进措施</th>
          </tr>
        </thead>
        <tbody>
          {bundle.indicators.map((ind, i) => {
            const scored = result.indicators[i];
            const r = bundle.results.get(ind.id);
            const actual = describeActualWithUnits(ind.parsedTarget, r?.actual ?? null);
            return (
              <tr key={ind.id} data-testid={`view-row-${i + 1}`}>
                <td className="num">{i + 1}</td>
                <td className="muted">
                  {ind.level1Name} / {ind.level2Name}
                </td>
                <td>{ind.name}</td>
                <td>{ind.annualTargetText}</td>
                <td>{actual || <span className="muted">未填写</span>}</td>
                <td className="num">{formatScore(scored.points)}</td>
                <td className="num">{formatRate(scored.rate)}</td>
                <td className="num">
                  {formatScore(scored.selfScore, p)}
                  {r?.deductionScore !== null && r?.deductionScore !== undefined && (
                    <small className="note">评价扣分：{r.deductionReason}</small>
                  )}
                </td>
                <td className="num" data-testid={`reviewed-${i + 1}`}>
                  {scored.reviewedScore !== null ? (
                    <>
                      {formatScore(scored.reviewedScore, p)}
                      <small className="note">{r?.reviewedReason}</small>
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <td className="prose">{r?.explanation}</td>
              </tr>
            );
          })}
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
            <td className="num">
              {result.budget.reviewedScore !== null && (
                <>
                  {formatScore(result.budget.reviewedScore, p)}
                  <small className="note">{e.budgetReviewedReason}</small>
                </>
              )}
            </td>
            <td className="prose">{e.budgetExplanation}</td>
          </tr>
        </tbody>
      </table>
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
      </section>
    </>
  );
}
