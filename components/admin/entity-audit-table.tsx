import type { listEntityAudit } from '@/db/queries/admin';
import { formatDateTime } from '@/lib/format';

type Entry = ReturnType<typeof listEntityAudit>[number];

/** One user's or department's change history; deactivated actors keep their names. */
export function EntityAuditTable({ entries }: { entries: Entry[] }) {
  return (
    <section className="card">
      <h2>修改记录（{entries.length}）</h2>
      {entries.length === 0 ? (
        <p className="muted">暂无修改记录。</p>
      ) : (
        <table className="data-table compact" data-testid="entity-audit-table">
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
                <td className="old">{e.oldValue ?? '（空）'}</td>
                <td>{e.newValue ?? '（空）'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
