'use client';

import { EvidenceCell } from '@/components/evidence/evidence-cell';
import type { Sheet } from '@/lib/evaluations/engine-input';
import { rowAnchor } from '@/lib/evaluations/submission-problems';
import { rowKey } from '@/lib/evidence/rows';
import { formatRate, formatScore } from '@/lib/format';
import type { EvaluationResult, Scheme } from '@/lib/scoring';
import { ActualInput } from './actual-input';
import { RowNotes } from './row-notes';

function groupLabel(sheet: Sheet, i: number): string | null {
  const ind = sheet.indicators[i];
  const prev = sheet.indicators[i - 1];
  if (prev && prev.level1Code === ind.level1Code && prev.level2Name === ind.level2Name) return null;
  return ind.level2Name ? `${ind.level1Name} · ${ind.level2Name}` : ind.level1Name;
}

/**
 * Widths that never squeeze (the table is fixed-layout and scrolls in its box): 序号, 三级指标, 年度指标值,
 * 实际完成值, 分值, 完成率, 得分, then 偏差原因 takes what is left, and 佐证材料.
 */
const COLUMN_WIDTHS = ['2.75rem', '10rem', '8.5rem', '12.5rem', '4.25rem', '4.25rem', '4.25rem', null, '8.5rem'];

/** The indicator rows of the form, grouped by 一级 / 二级 指标 as the published table prints them. */
export function IndicatorTable({
  sheet,
  scheme,
  result,
  invalidRows,
}: {
  sheet: Sheet;
  scheme: Scheme;
  result: EvaluationResult;
  invalidRows: Set<number>;
}) {
  const precision = result.precision;
  return (
    <div className="table-scroll">
      <table className="data-table entry-table" data-testid="entry-table">
        <colgroup>
          {COLUMN_WIDTHS.map((width, i) => (
            <col key={i} style={width ? { width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className="num">序号</th>
            <th>三级指标</th>
            <th>年度指标值</th>
            <th>实际完成值</th>
            <th className="num">分值</th>
            <th className="num">完成率</th>
            <th className="num">得分</th>
            <th>偏差原因分析及改进措施</th>
            <th>佐证材料</th>
          </tr>
        </thead>
        <tbody>
          {sheet.indicators.flatMap((ind, i) => {
            const scored = result.indicators[i];
            const invalid = invalidRows.has(i);
            const label = groupLabel(sheet, i);
            const rows = [];
            if (label) {
              rows.push(
                <tr key={`g${i}`} className="group-row">
                  <th colSpan={9}>{label}</th>
                </tr>,
              );
            }
            rows.push(
              <tr
                key={ind.id}
                id={rowAnchor(i)}
                data-testid={`indicator-row-${i + 1}`}
                className={invalid ? 'row-invalid' : scored.explanationRequired ? 'needs-explanation' : undefined}
              >
                <td className="num">{i + 1}</td>
                <td>{ind.name}</td>
                <td data-label="年度指标值">{ind.annualTargetText}</td>
                <td>
                  <ActualInput indicator={ind} index={i} scheme={scheme} />
                </td>
                <td className="num" data-label="分值">
                  {formatScore(scored.points)}
                </td>
                <td className="num" data-label="完成率">
                  {invalid || scored.missingActual ? '—' : formatRate(scored.rate)}
                </td>
                <td className="num" data-label="得分" data-testid={`score-${i + 1}`}>
                  {invalid ? (
                    <span className="invalid-note">填写有误</span>
                  ) : scored.missingActual ? (
                    '—'
                  ) : (
                    formatScore(scored.selfScore, precision)
                  )}
                </td>
                <td className="explanation-cell">
                  <RowNotes indicator={ind} index={i} scored={scored} />
                </td>
                <td>
                  <EvidenceCell rowKey={rowKey({ target: 'indicator', indicatorId: ind.id })} />
                </td>
              </tr>,
            );
            return rows;
          })}
        </tbody>
      </table>
    </div>
  );
}
