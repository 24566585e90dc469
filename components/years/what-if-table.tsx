import type { EvaluationStatus } from '@/db/schema';
import { Decimal } from '@/lib/decimal';
import { formatScore } from '@/lib/format';
import { STATUS_LABELS } from '@/lib/roles';
import { capInWords, type ExecutionCap } from '@/lib/scoring';

export interface WhatIfRow {
  id: number;
  project: string;
  department: string;
  status: EvaluationStatus;
  hasData: boolean;
  current: { total: string; grade: string };
  next: {
    total: string;
    grade: string;
    errors: string[];
    cap: ExecutionCap | null;
    totalBeforeCap: string;
    deductedRows: number;
  };
}

/** `预算执行率低于70%，总分不超过79分（封顶前 85.50）；超额完成扣分 1 项`: why the new total is what it is. */
function effectOf({ cap, total, totalBeforeCap, deductedRows }: WhatIfRow['next']): string {
  const parts: string[] = [];
  if (cap) {
    const lowered = !new Decimal(totalBeforeCap).equals(total);
    parts.push(`${capInWords(cap)}${lowered ? `（封顶前 ${formatScore(totalBeforeCap)}）` : ''}`);
  }
  if (deductedRows > 0) parts.push(`超额完成扣分 ${deductedRows} 项`);
  return parts.join('；');
}

/** Current totals beside the candidate scheme's, for every evaluation of the year. */
export function WhatIfTable({ rows }: { rows: WhatIfRow[] }) {
  const filled = rows.filter((r) => r.hasData);
  return (
    <section className="card" aria-label="得分变化预览" data-testid="what-if">
      <h2>得分变化预览（{filled.length} 个已填写的项目）</h2>
      {filled.length === 0 ? (
        <p className="muted">本年度还没有填写了实际完成值的自评，方案变化暂不影响任何得分。</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>项目</th>
              <th>部门</th>
              <th>状态</th>
              <th className="num">现方案总分</th>
              <th>等级</th>
              <th className="num">新方案总分</th>
              <th>等级</th>
              <th className="num">变化</th>
              <th>封顶与扣分</th>
            </tr>
          </thead>
          <tbody>
            {filled.map((r) => {
              const delta = new Decimal(r.next.total).minus(r.current.total);
              return (
                <tr key={r.id} data-testid="what-if-row">
                  <td>{r.project}</td>
                  <td>{r.department}</td>
                  <td>{STATUS_LABELS[r.status]}</td>
                  <td className="num">{formatScore(r.current.total)}</td>
                  <td>{r.current.grade}</td>
                  <td className="num" data-testid="what-if-next">
                    {formatScore(r.next.total)}
                  </td>
                  <td>{r.next.grade}</td>
                  <td
                    className={`num ${delta.isPositive() && !delta.isZero() ? 'delta-up' : delta.isNegative() ? 'delta-down' : ''}`}
                  >
                    {delta.isZero() ? '—' : `${delta.isPositive() ? '+' : ''}${delta.toFixed(2)}`}
                    {r.next.errors.length > 0 && <small className="note">{r.next.errors[0]}</small>}
                  </td>
                  <td data-testid="what-if-effect">{effectOf(r.next)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
