import Link from 'next/link';
import { DataTable, type Column } from '@/components/page-pieces';
import { StatusTag } from '@/components/status-tag';
import { formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { FLAG_LABELS, type departmentStats, type overviewRow, type reviewFlags } from '@/lib/overview/summarize';

type DepartmentStat = ReturnType<typeof departmentStats>[number];
type Flag = ReturnType<typeof reviewFlags>[number];
type Row = ReturnType<typeof overviewRow>;

const budget = (fen: number) => formatWanYuan(fen);

const DEPARTMENT_COLUMNS: Array<Column<DepartmentStat>> = [
  { header: '部门', cell: (d) => d.department },
  { header: '项目数', className: 'num', cell: (d) => d.projects },
  { header: '已提交', className: 'num', cell: (d) => d.scored },
  { header: '已定稿', className: 'num', cell: (d) => d.finalized },
  { header: '预算（万元）', className: 'num', cell: (d) => budget(d.budgetFen) },
  { header: '预算加权平均分', className: 'num', cell: (d) => d.weightedAverage ?? '—' },
];

/** 各部门: each department's count, budget and budget-weighted average. */
export function DepartmentTable({ departments }: { departments: DepartmentStat[] }) {
  return <DataTable columns={DEPARTMENT_COLUMNS} rows={departments} testId="department-table" compact />;
}

const FLAG_COLUMNS: Array<Column<Flag>> = [
  { header: '类型', cell: (f) => <span className={`flag flag-${f.kind}`}>{FLAG_LABELS[f.kind]}</span> },
  { header: '项目', cell: (f) => <Link href={`/evaluations/${f.evaluationId}`}>{f.project}</Link> },
  { header: '部门', cell: (f) => f.department },
  { header: '说明', cell: (f) => f.detail },
];

/** 值得关注: what a reviewer should look at first. */
export function FlagTable({ flags }: { flags: Flag[] }) {
  return <DataTable columns={FLAG_COLUMNS} rows={flags} testId="flag-table" compact />;
}

const ROW_COLUMNS: Array<Column<Row>> = [
  { header: '部门', cell: (r) => r.department },
  { header: '项目名称', cell: (r) => <Link href={`/evaluations/${r.id}`}>{r.project}</Link> },
  { header: '项目负责人', cell: (r) => r.owner ?? '—' },
  { header: '预算（万元）', className: 'num', cell: (r) => budget(r.budgetFen) },
  { header: '状态', cell: (r) => <StatusTag status={r.status} /> },
  { header: '自评得分', className: 'num', cell: (r) => (r.scored ? formatScore(r.selfScore) : '—') },
  { header: '最终得分', className: 'num', cell: (r) => (r.finalScore === null ? '—' : formatScore(r.finalScore)) },
  { header: '等级', cell: (r) => (r.scored ? r.grade : '—') },
];

/** 项目明细: one row per evaluation that passes the filter. */
export function OverviewTable({ rows }: { rows: Row[] }) {
  return <DataTable columns={ROW_COLUMNS} rows={rows} testId="overview-table" compact />;
}
