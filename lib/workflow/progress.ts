import type { EvaluationStatus, Role } from '@/db/schema';
import { paramOf, type SearchParams } from '@/lib/lists/list-params';
import { hrefOf, toEntries } from '@/lib/lists/list-view';
import { pastOwner } from './state-machine';

/**
 * How far a department's (or an owner's) evaluations have got, for heads and finance:
 * 已提交 x / y, 未开始 (a draft nobody has saved yet), 草稿, 已退回 and 逾期 (still with the owner
 * after the deadline). "Submitted" is everything the owner has handed on (the workflow table says which).
 */
export interface ProgressRow {
  status: EvaluationStatus;
  /** Saved by someone since it was created (a draft never saved is 未开始). */
  started: boolean;
  /** How many evaluations the row stands for (the database counts them: db/queries progressCounts). */
  count: number;
}

export interface Progress {
  group: string;
  total: number;
  submitted: number;
  notStarted: number;
  draft: number;
  returned: number;
  overdue: number;
}

/** Sums the rows by group: `groupOf` names the group, `keyOf` (by default the name) tells groups apart. */
export function progressBy<R extends ProgressRow>(
  rows: R[],
  groupOf: (row: R) => string,
  overdue: boolean,
  keyOf: (row: R) => string = groupOf,
): Progress[] {
  const groups = new Map<string, Progress>();
  for (const row of rows) {
    const key = keyOf(row);
    let p = groups.get(key);
    if (!p)
      groups.set(
        key,
        (p = { group: groupOf(row), total: 0, submitted: 0, notStarted: 0, draft: 0, returned: 0, overdue: 0 }),
      );
    const n = row.count;
    p.total += n;
    if (pastOwner(row.status)) p.submitted += n;
    else {
      if (row.status === 'returned') p.returned += n;
      else if (!row.started) p.notStarted += n;
      else p.draft += n;
      if (overdue) p.overdue += n;
    }
  }
  return [...groups.values()];
}

/** How many groups 填报进度 lists at most: a city's 200 departments would make 待办 a long page. */
export const PROGRESS_ROWS = 20;

/**
 * The groups a progress table shows: all of them up to `limit`, else the `limit` with the most still
 * to submit (ties: the first listed), in their usual order.
 */
export function mostOutstanding(rows: Progress[], limit: number): Progress[] {
  if (rows.length <= limit) return rows;
  const outstanding = (p: Progress) => p.total - p.submitted;
  const most = new Set([...rows].sort((a, b) => outstanding(b) - outstanding(a)).slice(0, limit));
  return rows.filter((p) => most.has(p));
}

/** What 填报进度 groups by: the department, or the project's owner (项目负责人). */
export type ProgressGrouping = 'department' | 'owner';

export const PROGRESS_GROUP_LABELS: Record<ProgressGrouping, string> = { department: '部门', owner: '项目负责人' };

/** The groupings each role's 填报进度 offers, its default first; a role not listed has none. */
const PROGRESS_GROUPINGS: Partial<Record<Role, ProgressGrouping[]>> = {
  finance: ['department', 'owner'],
  dept_head: ['owner'],
};

/** The URL parameter of another grouping than the default: `/tasks?progress=owner`. */
export const PROGRESS_PARAM = 'progress';

/** The grouping the page shows: the one the URL asks for if the role is offered it, else the role's default. */
export function progressGrouping(role: Role, params: SearchParams): ProgressGrouping | null {
  const offered = PROGRESS_GROUPINGS[role] ?? [];
  const asked = paramOf(params, PROGRESS_PARAM);
  return offered.find((g) => g === asked) ?? offered[0] ?? null;
}

/** The switch between a role's groupings (finance: 按部门 / 按项目负责人), each link keeping the page's other parameters. */
export function progressSwitch(role: Role, path: string, params: SearchParams) {
  const offered = PROGRESS_GROUPINGS[role] ?? [];
  if (offered.length < 2) return [];
  const current = progressGrouping(role, params);
  const others = Object.fromEntries(toEntries(params).filter(([name]) => name !== PROGRESS_PARAM));
  return offered.map((grouping, i) => ({
    grouping,
    label: `按${PROGRESS_GROUP_LABELS[grouping]}`,
    current: grouping === current,
    href: hrefOf(path, i === 0 ? others : { ...others, [PROGRESS_PARAM]: grouping }),
  }));
}

/** A row of the database's progress counts (db/queries progressCounts): its group's id and name, and its department. */
export interface GroupedProgressRow extends ProgressRow {
  groupId: number | null;
  group: string | null;
  department: string;
}

/**
 * 填报进度 of the counted rows: one group per department or per owner (by id, so two owners of one name
 * stay two rows); an owner is named with the department where the table spans several (finance's year).
 */
export function progressOfCounts(
  rows: GroupedProgressRow[],
  { by, severalDepartments, overdue }: { by: ProgressGrouping; severalDepartments: boolean; overdue: boolean },
): Progress[] {
  const nameOf = (r: GroupedProgressRow) => r.group ?? '未指定';
  const groupOf =
    by === 'owner' && severalDepartments ? (r: GroupedProgressRow) => `${nameOf(r)}（${r.department}）` : nameOf;
  // Projects without an owner are one group per department.
  return progressBy(rows, groupOf, overdue, (r) => (r.groupId === null ? `none:${r.department}` : String(r.groupId)));
}
