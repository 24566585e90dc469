import type { EvaluationBundle } from '@/db/queries/evaluations';
import {
  evidenceNote,
  FUNDS_HEADERS,
  selfEvaluationHeaders,
  selfEvaluationTable,
  signatureLines,
} from '@/lib/exports/self-evaluation-table';
import { formatRate, formatScore } from '@/lib/format';
import { formatWanYuanText as wan } from '@/lib/money';
import type { EvaluationResult } from '@/lib/scoring';

/** Column widths (%) of the published eight columns, and of the ten once finance added 复核得分 and 复核意见. */
const COLUMN_WIDTHS = {
  8: [8, 9, 17, 13, 13, 7, 7, 26],
  10: [7, 8, 14, 11, 11, 6, 6, 19, 6, 12],
};

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
 * The 一级 / 二级指标 cell of a row. Every row has its own (no rowspan): a rowspan cell split by a page
 * break prints its label on the first page only, leaving the rows carried over blank. A row that
 * continues a group hides its label on screen and joins the cell above (one merged-looking cell);
 * the print shows it, muted, so a group carried onto the next page is still named there.
 */
function GroupCell({ label, starts }: { label: string; starts: boolean }) {
  if (starts) return <td>{label}</td>;
  return (
    <td className="mof-continued">
      <span>{label}</span>
    </td>
  );
}

function Columns({ count }: { count: 8 | 10 }) {
  return (
    <colgroup>
      {COLUMN_WIDTHS[count].map((width, i) => (
        <col key={i} style={{ width: `${width}%` }} />
      ))}
    </colgroup>
  );
}

/** A CSS string literal of any text: what the print's running header shows (`content: var(…)`). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (ch) => `\\${ch.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * 项目支出绩效自评表 in the Ministry of Finance layout (财预〔2020〕10号), drawn from the same data and
 * with the same columns as the Excel export (lib/exports/self-evaluation-table), so the page, the
 * print and the workbook cannot disagree. Two tables on one column grid: the project's block, then
 * the indicators, whose header row is a thead so that print repeats it on every page; the signature
 * block closes the last page. The page's running header (project name) and footer (第 n 页 共 m 页)
 * are @page margin boxes (app/globals.css, `@page self-evaluation`), fed the project name here.
 */
export function SelfEvaluationTable({ bundle, result }: { bundle: EvaluationBundle; result: EvaluationResult }) {
  const t = selfEvaluationTable(bundle, result);
  const p = t.precision;
  const [total, ...sources] = t.funds;
  const headers = selfEvaluationHeaders(t.hasReview);
  const count = headers.length as 8 | 10;
  const review = t.hasReview;
  const budgetNote = t.budgetNote || t.budgetEvidence.length > 0;

  return (
    <div className="mof-print" data-testid="mof-table">
      <style>{`:root { --mof-running-head: ${cssString(`${t.projectName} · 项目支出绩效自评表`)}; }`}</style>
      <table className="mof-table">
        <caption>
          <span className="mof-title">项目支出绩效自评表</span>
          <span className="mof-year">（{t.year}年度） 金额单位：万元</span>
        </caption>
        <Columns count={count} />
        <tbody>
          <tr>
            <th colSpan={2}>项目名称</th>
            <td colSpan={count - 2}>{t.projectName}</td>
          </tr>
          <tr>
            <th colSpan={2}>主管部门</th>
            <td colSpan={3}>{t.department}</td>
            <th colSpan={2}>实施单位</th>
            <td colSpan={count - 7}>{t.implementingUnit}</td>
          </tr>
          <tr>
            <th colSpan={2}>项目资金（万元）</th>
            {FUNDS_HEADERS.map((h) => (
              <th key={h}>{h}</th>
            ))}
            {review && (
              <>
                <th>复核得分</th>
                <th>复核意见</th>
              </>
            )}
          </tr>
          <tr data-testid="funds-total">
            <th colSpan={2}>{total.label}</th>
            <td className="num">{wan(total.initial)}</td>
            <td className="num">{wan(total.adjusted)}</td>
            <td className="num">{wan(total.executed)}</td>
            <td className="num">{formatScore(total.points)}</td>
            <td className="num">{formatRate(total.rate)}</td>
            <td className="num">{formatScore(total.score, p)}</td>
            {review && (
              <>
                <td className="num">{formatScore(total.reviewedScore, p)}</td>
                <td className="prose" data-testid="funds-review-note">
                  {t.budgetReviewNote}
                </td>
              </>
            )}
          </tr>
          {sources.map((line) => (
            <tr key={line.label}>
              <th colSpan={2}>{line.label}</th>
              <td className="num">{wan(line.initial)}</td>
              <td className="num">{wan(line.adjusted)}</td>
              <td colSpan={count - 4} />
            </tr>
          ))}
          {budgetNote && (
            <tr>
              <th colSpan={2}>预算执行偏差原因</th>
              <td colSpan={count - 2} className="prose">
                {t.budgetNote}
                <Evidence names={t.budgetEvidence} testId="mof-budget-evidence" />
              </td>
            </tr>
          )}
          <tr>
            <th rowSpan={2}>年度总体目标</th>
            <th colSpan={4}>预期目标</th>
            <th colSpan={count - 5}>实际完成情况</th>
          </tr>
          <tr>
            <td colSpan={4} className="prose">
              {t.goal}
            </td>
            <td colSpan={count - 5} className="prose">
              <span data-testid="mof-goal-actual">{t.goalActual}</span>
              <Evidence names={t.goalEvidence} testId="mof-goal-evidence" />
            </td>
          </tr>
        </tbody>
      </table>

      <table className="mof-table mof-indicators" data-testid="mof-indicators">
        <Columns count={count} />
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.indicators.map((line, i) => (
            <tr key={i} data-testid={`mof-row-${i + 1}`}>
              <GroupCell label={line.level1} starts={line.level1Span > 0} />
              <GroupCell label={line.level2} starts={line.level2Span > 0} />
              <td>{line.name}</td>
              <td>{line.target}</td>
              <td>{line.actual}</td>
              <td className="num">{formatScore(line.points)}</td>
              <td className="num">{formatScore(line.score, p)}</td>
              <td className="prose">
                {line.note}
                <Evidence names={line.evidence} testId={`mof-evidence-${i + 1}`} />
              </td>
              {review && (
                <>
                  <td className="num">{formatScore(line.reviewedScore, p)}</td>
                  <td className="prose">{line.reviewNote}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
        <tbody className="mof-summary">
          <tr className="mof-total" data-testid="mof-total">
            <th colSpan={5}>总分</th>
            <td className="num">{formatScore(t.totalPoints)}</td>
            <td className="num">{formatScore(t.selfTotal, p)}</td>
            <td />
            {review && (
              <>
                <td className="num">{formatScore(t.finalTotal, p)}</td>
                <td />
              </>
            )}
          </tr>
          {t.capNote && (
            <tr className="mof-cap" data-testid="mof-cap">
              <th colSpan={5}>执行率封顶</th>
              <td colSpan={count - 5}>{t.capNote}</td>
            </tr>
          )}
          {t.evaluationEvidence.length > 0 && (
            <tr data-testid="mof-evaluation-evidence">
              <th colSpan={5}>整体佐证材料</th>
              <td colSpan={count - 5} className="prose">
                {t.evaluationEvidence.join('、')}
              </td>
            </tr>
          )}
          <tr className="mof-total">
            <th colSpan={5}>等级</th>
            <td />
            {/* The grade that counts carries mof-grade: finance's once it reviewed, else the self grade. */}
            <td className="num" data-testid={review ? 'mof-self-grade' : 'mof-grade'}>
              {t.selfGrade ?? ''}
            </td>
            <td />
            {review && (
              <>
                <td className="num" data-testid="mof-grade">
                  {t.finalGrade ?? ''}
                </td>
                <td />
              </>
            )}
          </tr>
        </tbody>
      </table>

      <div className="mof-signature" data-testid="mof-signature">
        {signatureLines(t).map((slots, i) => (
          <p key={i}>
            {slots.map(([label, value]) => (
              <span key={label}>
                {label}
                <span className="mof-blank">{value}</span>
              </span>
            ))}
          </p>
        ))}
      </div>
    </div>
  );
}
