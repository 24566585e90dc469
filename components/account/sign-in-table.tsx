import type { signInHistory } from '@/lib/account/sign-ins';

type Row = Awaited<ReturnType<typeof signInHistory>>[number];

/** The user's own recent sign-ins, failed attempts included: an unknown failure is worth reporting. */
export function SignInTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p className="muted">暂无登录记录。</p>;
  return (
    <table className="data-table compact" data-testid="sign-in-table">
      <thead>
        <tr>
          <th>时间</th>
          <th>IP 地址</th>
          <th>浏览器</th>
          <th>结果</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid="sign-in-row">
            <td className="nowrap">{r.time}</td>
            <td>{r.ip}</td>
            <td>{r.browser}</td>
            <td>{r.success ? '成功' : <strong className="field-error">失败</strong>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
