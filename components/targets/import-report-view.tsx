import type { ImportOutcome } from '@/lib/targets/import-table';

/** The preview report: totals, what would happen to each project, every warning with its row, the qualitative targets. */
export function ImportReportView({ outcome }: { outcome: ImportOutcome }) {
  return (
    <>
      <dl className="summary-grid">
        <div>
          <dt>项目</dt>
          <dd data-testid="preview-projects">{outcome.projects}</dd>
        </div>
        <div>
          <dt>指标</dt>
          <dd data-testid="preview-indicators">{outcome.indicators}</dd>
        </div>
        <div>
          <dt>预算合计（万元）</dt>
          <dd data-testid="preview-budget">{outcome.budgetTotal}</dd>
        </div>
        <div>
          <dt>定性指标</dt>
          <dd>{outcome.qualitative}</dd>
        </div>
        <div>
          <dt>将新增 / 更新</dt>
          <dd>
            {outcome.created.length} / {outcome.updated.length}
          </dd>
        </div>
        <div>
          <dt>未变 / 保留</dt>
          <dd>
            {outcome.unchanged.length} / {outcome.kept.length}
          </dd>
        </div>
      </dl>
      {outcome.kept.length > 0 && (
        <ul className="form-error">
          {outcome.kept.map((k) => (
            <li key={k.project}>
              {k.project}：{k.reason}
            </li>
          ))}
        </ul>
      )}
      <h3>解析提示（{outcome.warnings.length}）</h3>
      {outcome.warnings.length === 0 ? (
        <p className="muted">没有需要注意的地方。</p>
      ) : (
        <table className="data-table compact" data-testid="preview-warnings">
          <thead>
            <tr>
              <th>项目</th>
              <th className="num">指标序号</th>
              <th className="num">原文行号</th>
              <th>提示</th>
            </tr>
          </thead>
          <tbody>
            {outcome.warnings.map((w, i) => (
              <tr key={i}>
                <td>{w.project ?? '全表'}</td>
                <td className="num">{w.row ?? ''}</td>
                <td className="num">{w.line ?? ''}</td>
                <td>{w.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>定性指标（{outcome.qualitativeTargets.length}），按等级评价</summary>
        <table className="data-table compact">
          <thead>
            <tr>
              <th>项目</th>
              <th className="num">序号</th>
              <th>三级指标</th>
              <th>年度指标值</th>
            </tr>
          </thead>
          <tbody>
            {outcome.qualitativeTargets.map((q, i) => (
              <tr key={i}>
                <td>{q.project}</td>
                <td className="num">{q.row}</td>
                <td>{q.name}</td>
                <td>{q.target}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
