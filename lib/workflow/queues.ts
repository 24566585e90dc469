import type { EvaluationStatus, Role } from '@/db/schema';
import { queueStatuses } from './state-machine';

/** The heading of each role's to-do list; which statuses it holds comes from the workflow table (queueStatuses). */
export const QUEUE_TITLES: Record<Role, string> = {
  owner: '待填写和退回修改的自评',
  dept_head: '待部门审核的自评',
  finance: '待财政复核和定稿的自评',
  admin: '待办',
};

/**
 * What narrows a to-do list, as its URL's query says (`year=2024&department=3`). The evaluation page
 * carries the list's query along (`?queue=…`), so 上一条 / 下一条 walk the same list with the same filters.
 */
export interface QueueFilter {
  year?: string;
  department?: string;
}

const FILTER_KEYS = ['year', 'department'] as const;

export function parseQueueFilter(query: string | URLSearchParams | undefined): QueueFilter {
  const params = typeof query === 'string' || query === undefined ? new URLSearchParams(query ?? '') : query;
  const filter: QueueFilter = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value && /^\d{1,9}$/.test(value)) filter[key] = value;
  }
  return filter;
}

/** The query string of a filter (`year=2024&department=3`), '' when it narrows nothing. */
export function queueQuery(filter: QueueFilter): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filter[key]) params.set(key, filter[key]!);
  return params.toString();
}

/** The link to an evaluation opened from a to-do list: the list's query travels with it. */
export function evaluationHref(id: number, filter: QueueFilter): string {
  const query = queueQuery(filter);
  return query ? `/evaluations/${id}?queue=${encodeURIComponent(query)}` : `/evaluations/${id}?queue=`;
}

interface QueueRow {
  id: number;
  status: EvaluationStatus;
  departmentId: number;
}

/**
 * A role's to-do list from the year's evaluations in list order: the statuses at which the role has
 * work, within the filter, an owner's returned ones first. `keep` stays in the list whatever its
 * status (the evaluation being looked at, so that its neighbours are found after it was decided).
 */
export function orderQueue<R extends QueueRow>(rows: R[], role: Role, filter: QueueFilter, keep?: number): R[] {
  const statuses = queueStatuses(role);
  const inQueue = rows.filter(
    (r) =>
      (r.id === keep || statuses.includes(r.status)) &&
      (!filter.department || String(r.departmentId) === filter.department),
  );
  const first = (r: R) => (role === 'owner' && r.status === 'returned' ? 0 : 1);
  return inQueue
    .map((r, i) => ({ r, i }))
    .sort((a, b) => first(a.r) - first(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

/** Where an evaluation stands in its list: the one before, the one after, its place (1-based) and the count. */
export function queueNeighbours(ordered: Array<{ id: number }>, id: number) {
  const index = ordered.findIndex((r) => r.id === id);
  if (index < 0) return null;
  return {
    previous: ordered[index - 1]?.id ?? null,
    next: ordered[index + 1]?.id ?? null,
    position: index + 1,
    total: ordered.length,
  };
}
