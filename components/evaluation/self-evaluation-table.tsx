import type { EvaluationBundle } from '@/db/queries/evaluations';
import { describeActualWithUnits } from '@/lib/evaluations/labels';
import { formatRate, formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import type { EvaluationResult } from '@/lib/scoring';
import { groupSpans } from '@/lib/targets/grouping';

/**
 * 项目支出绩效自评表 in the Ministry of Finance layout (财预〔2020〕10号): header, funds block,
 * 年度总体目标, indicator rows grouped by 一级/二级指标, 总分 and 等级. Ten columns throughout.
 */
export function SelfEvaluationTable({ bundle, result }: { bundle: EvaluationBundle; result: EvaluationResult }) {
  const { project, evaluation: e } = bundle;
  const p = result.precision;
  const hasReview = result.indicators.some((i) => i.reviewedScore !== null) || result.budget.reviewedScore !== null;
  const adjustedFen = e.budgetAdjustedFen ?? project.budgetTotalFen;
  const sources: Array<[string, number]> = (
    [
      ['财政拨款', project.budgetFiscalFen],
      ['财政专户拨款', project.budgetSpecialFen],
      ['其他资金', project.budgetOtherFen],
    ] as Array<[string, number]>
  ).filter(([, fen]) => fen !== 0);
  const rows = groupSpans(bundle.indicators);

  return (
    <table className="mof-table" data-testid="mof-table">
      <caption>
        <span className="mof-title">项目支出绩效自评表</span>
        <span className="mof-year">（{project.year}年度）</span>
      </caption>
      <colgroup>
        <col className="c-label" />
        <col className="c-l1" />
        <col className="c-l2" />
        <col className="c-l3" />
        <col className="c-target" />
        <col className="c-actual" />
        <col className="c-points" />
        <col className="c-score" />
        <col className="c-review" />
        <col className="c-explain" />
      </colgroup>
      <tbody>
        <tr>
          <th>项目名称</th>
          <td colSpan={9}>{project.name}</td>
        </tr>
        <tr>
          <th>主管部门</th>
          <td colSpan={4}>{bundle.departmentName}</td>
          <th colSpan={2}>实施单位</th>
          <td colSpan={3}>{project.implementingUnit}</td>
        </tr>

        <tr>
          <th rowSpan={2 + sources.length}>项目资金（万元）</th>
          <th colSpan={2} />
          <th>年初预算数</th>
          <th>全年预算数</th>
          <th>全年执行数</th>
          <th>分值</th>
          <th>执行率</th>
          <th colSpan={2}>得分</th>
        </tr>
        <tr data-testid="funds-total">
          <th colSpan={2}>年度资金总额</th>
          <td className="num">{formatWanYuan(project.budgetTotalFen)}</td>
          <td className="num">{formatWanYuan(adjustedFen)}</td>
          <td className="num">{e.budgetExecutedFen === null ? '' : formatWanYuan(e.budgetExecutedFen)}</td>
          <td className="num">{formatScore(result.budget.points)}</td>
          <td className="num">{formatRate(result.budget.rate)}</td>
          <td className="num" colSpan={2}>
            {formatScore(result.budget.finalScore, p)}
            {result.budget.reviewedScore !== null && <small>（自评 {formatScore(result.budget.computedScore, p)}）</small>}
          </td>
        </tr>
        {sources.map(([label, fen], i) => (
          <tr key={label}>
            <th colSpan={2}>{i === 0 ? `其中：${label}` : label}</th>
            <td className="num">{formatWanYuan(fen)}</td>
            <td colSpan={6} className="muted">—</td>
          </tr>
        ))}

        <tr>
          <th rowSpan={2}>年度总体目标</th>
          <th colSpan={5}>预期目标</th>
          <th colSpan={4}>实际完成情况</th>
        </tr>
        <tr>
          <td colSpan={5} className="prose">
            {project.goal}
          </td>
          <td colSpan={4} className="prose" data-testid="mof-goal-actual">
            {e.goalActual}
          </td>
        </tr>

        <tr>
          <th rowSpan={rows.length + 1}>绩效指标</th>
          <th>一级指标</th>
          <th>二级指标</th>
          <th>三级指标</th>
          <th>年度指标值</th>
          <th>实际完成值</th>
          <th>分值</th>
          <th>得分</th>
          <th>{hasReview ? '复核得分' : ''}</th>
          <th>偏差原因分析及改进措施</th>
        </tr>
        {rows.map(({ row: ind, level1Span, level2Span }, i) => {
          const scored = result.indicators[i];
          const r = bundle.results.get(ind.id);
          const actual = describeActualWithUnits(ind.name, ind.parsedTarget, r?.actual ?? null);
          return (
            <tr key={ind.id} data-testid={`mof-row-${i + 1}`}>
              {level1Span > 0 && <td rowSpan={level1Span}>{ind.level1Name}</td>}
              {level2Span > 0 && <td rowSpan={level2Span}>{ind.level2Name}</td>}
              <td>{ind.name}</td>
              <td>{ind.annualTargetText}</td>
              <td>{actual}</td>
              <td className="num">{formatScore(scored.points)}</td>
              <td className="num">{scored.missingActual ? '' : formatScore(scored.selfScore, p)}</td>
              <td className="num">{scored.reviewedScore === null ? '' : formatScore(scored.reviewedScore, p)}</td>
              <td className="prose">{[r?.explanation, r?.reviewedReason ? `复核意见：${r.reviewedReason}` : ''].filter(Boolean).join('\n')}</td>
            </tr>
          );
        })}
        <tr className="mof-total" data-testid="mof-total">
          <th colSpan={6}>总分</th>
          <td className="num">100.00</td>
          <td className="num">{formatScore(result.selfTotal, p)}</td>
          <td className="num">{hasReview ? formatScore(result.finalTotal, p) : ''}</td>
          <td>
            等级：<strong data-testid="mof-grade">{result.finalGrade}</strong>
            {hasReview && <>（最终得分 {formatScore(result.finalTotal, p)}）</>}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
