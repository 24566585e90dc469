import type { EvaluationBundle } from '@/db/queries/evaluations';
import { evidenceNote, selfEvaluationTable } from '@/lib/exports/self-evaluation-table';
import { formatRate, formatScore } from '@/lib/format';
import { formatWanYuanText as wan } from '@/lib/money';
import type { EvaluationResult } from '@/lib/scoring';

/** The Ministry of Finance layout's columns: label, 一级 / 二级 / 三级指标, 指标值, 实际完成值, 分值, 得分, 复核得分, 偏差原因. */
const COLUMN_WIDTHS = ['6%', '7%', '8%', '17%', '10%', '10%', '6%', '6%', '6%', '24%'];

/** The names of a row's attachments, under its text. */
function Evidence({ names, testId }: { names: string[]; testId?: string }) {
  if (names.length === 0) return null;
  return (
    <small className="note mof-evidence" data-testid={testId}>
      {evidenceNote(names)}
    </small>
  );
}

/**
 * 项目支出绩效自评表 in the Ministry of Finance layout (财预〔2020〕10号), drawn from the same data
 * as the Excel export (lib/exports/self-evaluation-table), so the page, the print and the workbook
 * cannot disagree. Ten columns throughout.
 */
export function SelfEvaluationTable({ bundle, result }: { bundle: EvaluationBundle; result: EvaluationResult }) {
  const t = selfEvaluationTable(bundle, result);
  const p = t.precision;
  const [total, ...sources] = t.funds;

  return (
    <table className="mof-table" data-testid="mof-table">
      <caption>
        <span className="mof-title">项目支出绩效自评表</span>
        <span className="mof-year">（{t.year}年度） 金额单位：万元</span>
      </caption>
      <colgroup>
        {COLUMN_WIDTHS.map((width, i) => (
          <col key={i} style={{ width }} />
        ))}
      </colgroup>
      <tbody>
        <tr>
          <th>项目名称</th>
          <td colSpan={9}>{t.projectName}</td>
        </tr>
        <tr>
          <th>主管部门</th>
          <td colSpan={4}>{t.department}</td>
          <th colSpan={2}>实施单位</th>
          <td colSpan={3}>{t.implementingUnit}</td>
        </tr>

        <tr>
          <th rowSpan={2 + sources.length + (t.budgetNote || t.budgetEvidence.length > 0 ? 1 : 0)}>项目资金（万元）</th>
          <th colSpan={2} />
          <th>年初预算数</th>
          <th>全年预算数</th>
          <th>全年执行数</th>
          <th>分值</th>
          <th>执行率</th>
          <th>得分</th>
          <th>{t.hasReview ? '复核得分' : ''}</th>
        </tr>
        <tr data-testid="funds-total">
          <th colSpan={2}>{total.label}</th>
          <td className="num">{wan(total.initial)}</td>
          <td className="num">{wan(total.adjusted)}</td>
          <td className="num">{wan(total.executed)}</td>
          <td className="num">{formatScore(total.points)}</td>
          <td className="num">{formatRate(total.rate)}</td>
          <td className="num">{formatScore(total.score, p)}</td>
          <td className="num">{formatScore(total.reviewedScore, p)}</td>
        </tr>
        {sources.map((line) => (
          <tr key={line.label}>
            <th colSpan={2}>{line.label}</th>
            <td className="num">{wan(line.initial)}</td>
            <td className="num">{wan(line.adjusted)}</td>
            <td colSpan={5} />
          </tr>
        ))}
        {(t.budgetNote || t.budgetEvidence.length > 0) && (
          <tr>
            <th colSpan={2}>预算执行偏差原因</th>
            <td colSpan={7} className="prose">
              {t.budgetNote}
              <Evidence names={t.budgetEvidence} testId="mof-budget-evidence" />
            </td>
          </tr>
        )}

        <tr>
          <th rowSpan={2}>年度总体目标</th>
          <th colSpan={5}>预期目标</th>
          <th colSpan={4}>实际完成情况</th>
        </tr>
        <tr>
          <td colSpan={5} className="prose">
            {t.goal}
          </td>
          <td colSpan={4} className="prose">
            <span data-testid="mof-goal-actual">{t.goalActual}</span>
            <Evidence names={t.goalEvidence} testId="mof-goal-evidence" />
          </td>
        </tr>

        <tr>
          <th rowSpan={t.indicators.length + 1}>绩效指标</th>
          <th>一级指标</th>
          <th>二级指标</th>
          <th>三级指标</th>
          <th>年度指标值</th>
          <th>实际完成值</th>
          <th>分值</th>
          <th>得分</th>
          <th>{t.hasReview ? '复核得分' : ''}</th>
          <th>偏差原因分析及改进措施</th>
        </tr>
        {t.indicators.map((line, i) => (
          <tr key={i} data-testid={`mof-row-${i + 1}`}>
            {line.level1Span > 0 && <td rowSpan={line.level1Span}>{line.level1}</td>}
            {line.level2Span > 0 && <td rowSpan={line.level2Span}>{line.level2}</td>}
            <td>{line.name}</td>
            <td>{line.target}</td>
            <td>{line.actual}</td>
            <td className="num">{formatScore(line.points)}</td>
            <td className="num">{formatScore(line.score, p)}</td>
            <td className="num">{formatScore(line.reviewedScore, p)}</td>
            <td className="prose">
              {line.note}
              <Evidence names={line.evidence} testId={`mof-evidence-${i + 1}`} />
            </td>
          </tr>
        ))}
        <tr className="mof-total" data-testid="mof-total">
          <th colSpan={6}>总分</th>
          <td className="num">{formatScore(t.totalPoints)}</td>
          <td className="num">{formatScore(t.selfTotal, p)}</td>
          <td className="num">{t.hasReview ? formatScore(t.finalTotal, p) : ''}</td>
          <td>
            等级：<strong data-testid="mof-grade">{t.finalGrade ?? '—'}</strong>
            {t.hasReview && t.finalTotal !== null && <>（最终得分 {formatScore(t.finalTotal, p)}）</>}
          </td>
        </tr>
        {t.capNote && (
          <tr className="mof-cap" data-testid="mof-cap">
            <th colSpan={6}>执行率封顶</th>
            <td colSpan={4}>{t.capNote}</td>
          </tr>
        )}
        {t.evaluationEvidence.length > 0 && (
          <tr data-testid="mof-evaluation-evidence">
            <th colSpan={6}>整体佐证材料</th>
            <td colSpan={4} className="prose">
              {t.evaluationEvidence.join('、')}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
