import { DataTable, type Column } from '@/components/page-pieces';
import type { signInHistory } from '@/lib/account/sign-ins';

type Row = Awaited<ReturnType<typeof signInHistory>>[number];

const COLUMNS: Array<Column<Row>> = [
  { header: '时间', className: 'nowrap', cell: (r) => r.time },
  { header: 'IP 地址', cell: (r) => r.ip },
  { header: '浏览器', cell: (r) => r.browser },
  { header: '结果', cell: (r) => (r.success ? '成功' : <strong className="field-error">失败</strong>) },
];

/** The user's own recent sign-ins, failed attempts included: an unknown failure is worth reporting. */
export function SignInTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p className="muted">暂无登录记录。</p>;
  return <DataTable columns={COLUMNS} rows={rows} testId="sign-in-table" compact />;
}
