import { formatDateTime } from '@/lib/format';
import type { listAuditEntries } from '@/db/queries/evaluations';

type Entry = ReturnType<typeof listAuditEntries>[number];

export function AuditTable({ entries }: { entries: Entry[] }) {
  return (
    <section className="card">
      <details>
        <summary>
          <h2 className="inline">修改记录（{entries.length}）</h2>
        </summary>
        {entries.length === 0 ? (
          <p className="muted">暂无修改记录。</p>
        ) : (
          <table className="data-table compact" data-testid="audit-table">
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
        )}
      </details>
    </section>
  );
}
