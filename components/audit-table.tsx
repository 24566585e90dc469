import { FilterBar, Pager } from '@/components/list-controls';
import { DataTable, type Column } from '@/components/page-pieces';
import { formatDateTime } from '@/lib/format';
import type { ListView } from '@/lib/lists/list-view';

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

/** Longer values are cut to their first characters, the rest behind 展开: one change stays one readable line. */
const CUT_AT = 60;

function CutText({ text }: { text: string }) {
  if (text.length <= CUT_AT) return text;
  return (
    <details className="cut-text">
      <summary>
        <span className="cut-preview">{text.slice(0, CUT_AT)}…</span>
        <span className="cut-toggle">展开</span>
        <span className="cut-toggle-open">收起</span>
      </summary>
      <span className="cut-full">{text}</span>
    </details>
  );
}

const COLUMNS: Array<Column<AuditRow>> = [
  { header: '时间', className: 'nowrap audit-time', cell: (e) => formatDateTime(e.createdAt), sort: 'time' },
  { header: '操作人', className: 'audit-actor', cell: (e) => e.actor ?? '系统', sort: 'actor' },
  {
    header: '项目',
    className: 'audit-field',
    cell: (e) => (
      <>
        {e.field}
        {e.action === 'excel_import' && <small className="note">从 Excel 导入</small>}
      </>
    ),
    sort: 'field',
  },
  { header: '原值', cellClassName: 'prose old', cell: (e) => <CutText text={e.oldValue ?? '（空）'} /> },
  { header: '新值', cellClassName: 'prose', cell: (e) => <CutText text={e.newValue ?? '（空）'} /> },
];

/**
 * A change history: who, when, what, old → new. Deactivated actors keep their names; an entry
 * without an actor was written by the system (an import, the seed).
 */
export function AuditTable({
  entries,
  collapsed = false,
  testId = 'audit-table',
  list,
}: {
  entries: AuditRow[];
  collapsed?: boolean;
  testId?: string;
  /** The entries are a page of a longer history: sorting headers, a search box and a pager. */
  list?: ListView;
}) {
  const title = `修改记录（${list ? list.total : entries.length}）`;
  const searching = list !== undefined && list.query.q !== '';
  const body = (
    <>
      {list && (list.total > list.query.pageSize || searching) && (
        <FilterBar list={list} searchPlaceholder="字段、原值、新值或操作人" label="查找修改记录" />
      )}
      {entries.length === 0 ? (
        <p className="muted">{searching ? '没有符合条件的修改记录。' : '暂无修改记录。'}</p>
      ) : (
        <DataTable columns={COLUMNS} rows={entries} testId={testId} compact className="audit-table" list={list} />
      )}
      {list && <Pager list={list} label="修改记录分页" unit="条" />}
    </>
  );
  // Paging, sorting or searching the history reloads the page: it stays open.
  const open = list?.changed ?? false;
  return (
    <section className="card">
      {collapsed ? (
        <details open={open}>
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
