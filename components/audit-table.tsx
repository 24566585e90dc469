import { DataTable, type Column } from '@/components/page-pieces';
import { formatDateTime } from '@/lib/format';

export interface AuditRow {
  id: number;
  createdAt: Date;
  actor: string | null;
  field: string | null;
  /** `excel_import`: the change came from an uploaded entry workbook. */
  action?: string;
  oldValue: string | null;
  newValue: string | null;
}

const COLUMNS: Array<Column<AuditRow>> = [
  { header: '时间', className: 'nowrap', cell: (e) => formatDateTime(e.createdAt) },
  { header: '操作人', cell: (e) => e.actor ?? '系统' },
  {
    header: '项目',
    cell: (e) => (
      <>
        {e.field}
        {e.action === 'excel_import' && <small className="note">从 Excel 导入</small>}
      </>
    ),
  },
  { header: '原值', cellClassName: 'prose old', cell: (e) => e.oldValue ?? '（空）' },
  { header: '新值', cellClassName: 'prose', cell: (e) => e.newValue ?? '（空）' },
];

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
      <DataTable columns={COLUMNS} rows={entries} testId={testId} compact />
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
