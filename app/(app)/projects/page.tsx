import Link from 'next/link';
import { getDb } from '@/db';
import { listProjectsForUser } from '@/db/queries/projects';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { STATUS_LABELS } from '@/lib/roles';
import { nextStepFor } from '@/lib/workflow/state-machine';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目' };

export default async function ProjectsPage({ searchParams }: PageProps<'/projects'>) {
  const user = await requireUser();
  const db = getDb();
  const years = await listYears(db);
  const year = pickYear(years, (await searchParams).year);
  const rows = year === null ? [] : await listProjectsForUser(db, { user, year });
  const totalFen = rows.reduce((sum, r) => sum + r.budgetTotalFen, 0);
  const scopeText = user.role === 'owner' ? '我负责的项目' : user.role === 'dept_head' ? '本部门项目' : '全部项目';

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{year ? `${year} 年度项目` : '项目'}</h1>
          <p className="muted">{scopeText}</p>
        </div>
        {user.role === 'dept_head' && year && rows.length > 0 && (
          <a className="button no-print" href={`/api/years/${year}/targets.xlsx`}>
            导出本部门目标表（Excel）
          </a>
        )}
        {years.length > 1 && (
          <nav className="year-switch" aria-label="年度">
            {years.map((y) => (
              <Link key={y.year} href={`/projects?year=${y.year}`} aria-current={y.year === year ? 'page' : undefined}>
                {y.year}
              </Link>
            ))}
          </nav>
        )}
      </div>

      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{year ? '本年度暂无您可查看的项目。' : '尚未导入任何年度的绩效目标表。'}</p>
          <p className="muted">项目由系统管理员或财政局导入绩效目标表后出现；如有疑问请联系部门负责人。</p>
        </div>
      ) : (
        <table className="data-table" data-testid="project-table">
          <thead>
            <tr>
              <th className="num">序号</th>
              <th>项目名称</th>
              {user.role !== 'owner' && <th>项目负责人</th>}
              <th className="num">预算（万元）</th>
              <th className="num">指标数</th>
              <th>状态</th>
              <th className="num">得分</th>
              <th>等级</th>
              <th>下一步</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.id} data-testid="project-row">
                <td className="num">{i + 1}</td>
                <td>
                  <Link href={`/projects/${row.id}`}>{row.name}</Link>
                </td>
                {user.role !== 'owner' && <td>{row.ownerName ?? <span className="muted">未指定</span>}</td>}
                <td className="num">{formatWanYuan(row.budgetTotalFen)}</td>
                <td className="num">{row.indicatorCount}</td>
                <td>
                  <span className={`status status-${row.status ?? 'none'}`}>
                    {row.status ? STATUS_LABELS[row.status] : '未开始'}
                  </span>
                </td>
                <td className="num">{formatScore(row.status === 'finalized' ? row.finalScore : row.selfScore)}</td>
                <td>{(row.status === 'finalized' ? row.finalGrade : row.selfGrade) ?? ''}</td>
                <td>
                  {row.evaluationId && row.status ? (
                    <Link href={`/evaluations/${row.evaluationId}`} className="next-step">
                      {nextStepFor(user.role, row.status)}
                    </Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <td>合计（{rows.length} 个项目）</td>
              {user.role !== 'owner' && <td />}
              <td className="num" data-testid="budget-total">
                {formatWanYuan(totalFen)}
              </td>
              <td className="num">{rows.reduce((sum, r) => sum + r.indicatorCount, 0)}</td>
              <td colSpan={4} />
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}
