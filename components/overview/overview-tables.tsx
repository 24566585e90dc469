import Link from 'next/link';
import { Pager } from '@/components/list-controls';
import { DataTable, type Column } from '@/components/page-pieces';
import { ListStatus } from '@/components/status-tag';
import { SelectBox } from '@/components/workbench/batch-selection';
import type { EvaluationListRow } from '@/db/queries/evaluation-list';
import type { ReturnNote } from '@/db/queries/workflow';
import { formatScore } from '@/lib/format';
import type { ListView } from '@/lib/lists/list-view';
import { formatWanYuan } from '@/lib/money';
import { FLAG_LABELS } from '@/lib/overview/flags';
import type { Overview } from '@/lib/overview/overview';
import { pastOwner } from '@/lib/workflow/state-machine';

type DepartmentStat = NonNullable<Overview['departments']>['items'][number];
type Flag = NonNullable<Overview['flags']>['items'][number];

const budget = (fen: number) => formatWanYuan(fen);

const DEPARTMENT_COLUMNS: Array<Column<DepartmentStat>> = [
  { header: '部门', cell: (d) => d.department, sort: 'department' },
  { header: '项目数', className: 'num', cell: (d) => d.projects, sort: 'projects' },
  { header: '已提交', className: 'num', cell: (d) => `${d.scored} / ${d.projects}`, sort: 'scored' },
  { header: '已定稿', className: 'num', cell: (d) => d.statuses.finalized, sort: 'finalized' },
  { header: '预算（万元）', className: 'num', cell: (d) => budget(d.budgetFen), sort: 'budget' },
  {
    header: '预算加权平均分（已提交项目）',
    className: 'num',
    cell: (d) => d.weightedAverage ?? '—',
    sort: 'average',
  },
];

/** 各部门: each department's counts, budget and budget-weighted average, a page at a time. */
export function DepartmentTable({ departments, list }: { departments: DepartmentStat[]; list: ListView }) {
  return (
    <>
      <DataTable columns={DEPARTMENT_COLUMNS} rows={departments} testId="department-table" compact list={list} />
      <Pager list={list} label="各部门分页" unit="个部门" />
    </>
  );
}

const FLAG_COLUMNS: Array<Column<Flag>> = [
  {
    header: '类型',
    cell: (f) => <span className={`flag flag-${f.kind}`}>{FLAG_LABELS[f.kind]}</span>,
    sort: 'kind',
  },
  { header: '项目', cell: (f) => <Link href={`/evaluations/${f.evaluationId}`}>{f.project}</Link>, sort: 'project' },
  { header: '部门', cell: (f) => f.department, sort: 'department' },
  { header: '说明', cell: (f) => f.detail },
];

/** 值得关注: what a reviewer should look at first, a page at a time. */
export function FlagTable({ flags, list }: { flags: Flag[]; list: ListView }) {
  return (
    <>
      <DataTable columns={FLAG_COLUMNS} rows={flags} testId="flag-table" compact list={list} />
      <Pager list={list} label="值得关注分页" unit="条" />
    </>
  );
}

const scoredRow = (r: EvaluationListRow) => pastOwner(r.status);

/** The project table's columns; a returned row's status says who returned it, when and why (`returns`). */
const rowColumns = (returns: Map<number, ReturnNote>): Array<Column<EvaluationListRow>> => [
  { header: '部门', cell: (r) => r.department, sort: 'department' },
  { header: '项目名称', cell: (r) => <Link href={`/evaluations/${r.id}`}>{r.project}</Link>, sort: 'project' },
  { header: '项目负责人', cell: (r) => r.owner ?? '—', sort: 'owner' },
  { header: '预算（万元）', className: 'num', cell: (r) => budget(r.budgetTotalFen), sort: 'budget' },
  { header: '状态', cell: (r) => <ListStatus status={r.status} returned={returns.get(r.id)} />, sort: 'status' },
  {
    header: '自评得分',
    className: 'num',
    // A draft's self score as saved so far (the figures above count submitted ones only).
    cell: (r) => (r.selfScore === null ? '—' : formatScore(r.selfScore)),
    sort: 'selfScore',
  },
  {
    header: '最终得分',
    className: 'num',
    cell: (r) => (r.status === 'finalized' ? formatScore(r.finalScore) : '—'),
    sort: 'finalScore',
  },
  {
    header: '等级',
    cell: (r) => (scoredRow(r) ? ((r.status === 'finalized' ? r.finalGrade : r.selfGrade) ?? '—') : '—'),
    sort: 'grade',
  },
];

const SELECT_COLUMN: Column<EvaluationListRow> = {
  header: '选择',
  cell: (r) => <SelectBox id={r.id} name={r.project} />,
};

/** 项目明细: one row per evaluation that passes the filter, a page at a time (with a checkbox each for a batch). */
export function OverviewTable({
  rows,
  returns,
  list,
  selectable = false,
}: {
  rows: EvaluationListRow[];
  returns: Map<number, ReturnNote>;
  list: ListView;
  selectable?: boolean;
}) {
  const columns = rowColumns(returns);
  return (
    <>
      <DataTable
        columns={selectable ? [SELECT_COLUMN, ...columns] : columns}
        rows={rows}
        testId="overview-table"
        compact
        list={list}
      />
      <Pager list={list} label="项目明细分页" unit="个项目" />
    </>
  );
}
