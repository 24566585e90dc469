import { formatDateTime } from '@/lib/format';

export interface AuditRow {
  id: number;
  createdAt: Date;
  actor: string | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
}

/**
 * A change history: who, when, what, old → new. Deactivated actors keep their names; an entry
 * without an actor was written by the system (an import, the seed).
 */
export function AuditTable({
  entries,
  collapsed = false,
  testId = 'audit-table',
}: {
  entries: AuditRow[];
  collapsed?: boolean;
  testId?: string;
}) {
  const title = `修改记录（${entries.length}）`;
  const body =
    entries.length === 0 ? (
      <p className="muted">暂无修改记录。</p>
    ) : (
      <table className="data-table compact" data-testid={testId}>
        <thead>
          <tr>
            <th>时间</th>
            <th>操作人</th>
            <th>项目</th>
            <th>原值</th>
            <th>新值</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{formatDateTime(e.createdAt)}</td>
              <td>{e.actor ?? '系统'}</td>
              <td>{e.field}</td>
              <td className="prose old">{e.oldValue ?? '（空）'}</td>
              <td className="prose">{e.newValue ?? '（空）'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <section className="card">
      {collapsed ? (
        <details>
          <summary>
            <h2 className="inline">{title}</h2>
          </summary>
          {body}
        </details>
      ) : (
        <>
          <h2>{title}</h2>
          {body}
        </>
      )}
    </section>
  );
}
