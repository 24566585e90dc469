import { Decimal } from '@/lib/decimal';
import { rowAnchor } from '@/lib/evaluations/submission-problems';
import { formatRate, formatScore } from '@/lib/format';
import { capInWords, type EvaluationResult } from '@/lib/scoring';

/** How much of the form is filled: each indicator row and the 全年执行数, invalid ones not counted. */
export function fillProgress(
  result: EvaluationResult,
  invalidRows: ReadonlySet<number> = new Set(),
  budgetInvalid = false,
) {
  const filled =
    result.indicators.filter((ind, i) => !ind.missingActual && !invalidRows.has(i)).length +
    (result.budget.missingExecuted || budgetInvalid ? 0 : 1);
  return { filled, total: result.indicators.length + 1 };
}

/**
 * Total, grade and the rows that pull the total down: what the owner watches while typing. Nothing
 * entered yet says so (尚未填写, no grade); a row whose input is not valid yet is named as invalid,
 * never silently counted as 未填写.
 */
export function ScorePanel({
  result,
  title = '自评得分（实时计算）',
  invalidRows = new Set(),
  budgetInvalid = false,
}: {
  result: EvaluationResult;
  title?: string;
  invalidRows?: ReadonlySet<number>;
  budgetInvalid?: boolean;
}) {
  const losses = result.indicators
    .map((ind, i) => ({
      row: i + 1,
      name: ind.name,
      lost: new Decimal(ind.points).minus(ind.finalScore),
      missing: ind.missingActual,
    }))
    .filter((l) => !l.missing && l.lost.greaterThan(0))
    .sort((a, b) => b.lost.comparedTo(a.lost) || a.row - b.row)
    .slice(0, 5);
  const missing =
    result.missingActualIndexes.filter((i) => !invalidRows.has(i)).length +
    (result.budget.missingExecuted && !budgetInvalid ? 1 : 0);
  const progress = fillProgress(result, invalidRows, budgetInvalid);
  const empty = progress.filled === 0 && invalidRows.size === 0 && !budgetInvalid;
  const invalid = [...invalidRows].sort((a, b) => a - b);
  const deducted = result.indicators.flatMap((ind, i) =>
    ind.overAchievementDeduction === '0'
      ? []
      : [`第${i + 1}行 −${formatScore(ind.overAchievementDeduction, result.precision)}`],
  );
  const capLowered = result.finalTotalBeforeCap !== result.finalTotal;
  return (
    <aside className="score-panel" aria-label="得分">
      <h2>{title}</h2>
      {empty ? (
        <div className="score-total">
          <span className="total empty" data-testid="live-total">
            尚未填写
          </span>
        </div>
      ) : (
        <div className="score-total">
          <span className="total num" data-testid="live-total">
            {formatScore(result.finalTotal, result.precision)}
          </span>
          <span className={`grade grade-${result.finalGrade}`} data-testid="live-grade">
            {result.finalGrade}
          </span>
        </div>
      )}
      <p className="fill-progress" data-testid="live-progress">
        已填 {progress.filled} / {progress.total}
      </p>
      {(invalid.length > 0 || budgetInvalid) && (
        <p className="form-error" data-testid="live-invalid">
          填写有误、未计入得分：
          {invalid.map((i, k) => (
            <span key={i}>
              {k > 0 && '、'}
              <a href={`#${rowAnchor(i)}`}>第{i + 1}行</a>
            </span>
          ))}
          {budgetInvalid && `${invalid.length > 0 ? '、' : ''}预算执行金额`}
        </p>
      )}
      {result.cap && (
        <p className="score-cap" data-testid="live-cap">
          {capInWords(result.cap)}
          {capLowered && `（封顶前 ${formatScore(result.finalTotalBeforeCap, result.precision)}）`}
        </p>
      )}
      {deducted.length > 0 && (
        <p className="muted" data-testid="live-deductions">
          超额完成扣分：{deducted.join('、')}
        </p>
      )}
      <dl className="score-facts">
        <dt>预算执行率</dt>
        <dd>{result.budget.rate === null ? '—' : formatRate(result.budget.rate)}</dd>
        <dt>预算执行得分</dt>
        <dd>{formatScore(result.budget.finalScore, result.precision)}</dd>
      </dl>
      {missing > 0 && !empty && <p className="muted">尚有 {missing} 项未填写，未填写的按 0 分计。</p>}
      {losses.length > 0 && (
        <>
          <h3>失分较多的指标</h3>
          <ol className="loss-list">
            {losses.map((l) => (
              <li key={l.row}>
                第{l.row}行 {l.name} <span className="num">−{l.lost.toFixed(result.precision)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      {result.errors.length > 0 && (
        <ul className="form-error">
          {result.errors.slice(0, 5).map((e) => (
            <li key={e.path}>{e.message}</li>
          ))}
        </ul>
      )}
    </aside>
  );
}
