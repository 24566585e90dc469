import Link from 'next/link';
import { getDb } from '@/db';
import { listEvaluationsForUser } from '@/db/queries/evaluations';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime, formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { STATUS_LABELS } from '@/lib/roles';
import { QUEUE_TITLES } from '@/lib/workflow/queues';
import { nextStepFor, queueStatuses } from '@/lib/workflow/state-machine';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '待办' };

export default async function TasksPage({ searchParams }: PageProps<'/tasks'>) {
  const user = await requireUser();
  const db = getDb();
  const year = pickYear(await listYears(db), (await searchParams).year);
  const statuses = queueStatuses(user.role);
  const rows = year === null || statuses.length === 0 ? [] : await listEvaluationsForUser(db, { user, year, statuses });
  const showDepartment = user.role === 'finance';

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{QUEUE_TITLES[user.role]}</h1>
          <p className="muted">
            {year ? `${year} 年度` : ''}，共 {rows.length} 项
          </p>
        </div>
      </div>
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{statuses.length === 0 ? '系统管理员没有审核待办。' : '当前没有需要您处理的自评。'}</p>
          <p>
            <Link href={`/projects${year ? `?year=${year}` : ''}`}>查看全部项目</Link>
          </p>
        </div>
      ) : (
        <table className="data-table" data-testid="task-table">
          <thead>
            <tr>
              <th>项目名称</th>
              {showDepartment && <th>部门</th>}
              <th>项目负责人</th>
              <th className="num">预算（万元）</th>
              <th>状态</th>
              <th className="num">自评得分</th>
              <th>提交时间</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="task-row">
                <td>{r.project}</td>
                {showDepartment && <td>{r.department}</td>}
                <td>{r.owner ?? '未指定'}</td>
                <td className="num">{formatWanYuan(r.budgetTotalFen)}</td>
                <td>
                  <span className={`status status-${r.status}`}>{STATUS_LABELS[r.status]}</span>
                </td>
                <td className="num">{formatScore(r.selfScore)}</td>
                <td>{formatDateTime(r.submittedAt)}</td>
                <td>
                  <Link className="button" href={`/evaluations/${r.id}`}>
                    {nextStepFor(user.role, r.status)}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
