import { DataTable, type Column } from '@/components/page-pieces';
import type { ImportOutcome } from '@/lib/targets/import-table';

const WARNING_COLUMNS: Array<Column<ImportOutcome['warnings'][number]>> = [
  { header: '项目', cell: (w) => w.project ?? '全表' },
  { header: '指标序号', className: 'num', cell: (w) => w.row ?? '' },
  { header: '原文行号', className: 'num', cell: (w) => w.line ?? '' },
  { header: '提示', cell: (w) => w.message },
];

const QUALITATIVE_COLUMNS: Array<Column<ImportOutcome['qualitativeTargets'][number]>> = [
  { header: '项目', cell: (q) => q.project },
  { header: '序号', className: 'num', cell: (q) => q.row },
  { header: '三级指标', cell: (q) => q.name },
  { header: '年度指标值', cell: (q) => q.target },
];

/** The preview report: totals, what would happen to each project, every warning with its row, the qualitative targets. */
export function ImportReportView({ outcome }: { outcome: ImportOutcome }) {
  const totals: Array<[label: string, value: React.ReactNode, testId?: string]> = [
    ['项目', outcome.projects, 'preview-projects'],
    ['指标', outcome.indicators, 'preview-indicators'],
    ['预算合计（万元）', outcome.budgetTotal, 'preview-budget'],
    ['定性指标', outcome.qualitative],
    ['将新增 / 更新', `${outcome.created.length} / ${outcome.updated.length}`],
    ['未变 / 保留', `${outcome.unchanged.length} / ${outcome.kept.length}`],
  ];
  return (
    <>
      <dl className="summary-grid">
        {totals.map(([label, value, testId]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
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
        <DataTable columns={WARNING_COLUMNS} rows={outcome.warnings} testId="preview-warnings" compact />
      )}
      <details>
        <summary>定性指标（{outcome.qualitativeTargets.length}），按等级评价</summary>
        <DataTable columns={QUALITATIVE_COLUMNS} rows={outcome.qualitativeTargets} compact />
      </details>
    </>
  );
}
