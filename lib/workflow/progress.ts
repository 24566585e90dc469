import type { EvaluationStatus } from '@/db/schema';
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

export function progressBy<R extends ProgressRow>(
  rows: R[],
  groupOf: (row: R) => string,
  overdue: boolean,
): Progress[] {
  const groups = new Map<string, Progress>();
  for (const row of rows) {
    const group = groupOf(row);
    let p = groups.get(group);
    if (!p)
      groups.set(group, (p = { group, total: 0, submitted: 0, notStarted: 0, draft: 0, returned: 0, overdue: 0 }));
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
