import type { Role } from '@/db/schema';

/** The heading of each role's to-do list; which statuses it holds comes from the workflow table (queueStatuses). */
export const QUEUE_TITLES: Record<Role, string> = {
  owner: '待填写和退回修改的自评',
  dept_head: '待部门审核的自评',
  finance: '待财政复核和定稿的自评',
  admin: '待办',
};

/**
 * The query of a to-do list as its URL gives it (`year=2024&department=3&sort=-selfScore`), without
 * its page. The evaluation page carries it along (`?queue=…`), so 上一条 / 下一条 walk the same list
 * with the same filters and order; whatever in it the list cannot read is ignored there.
 */
export function queueQueryOf(params: Record<string, string | string[] | undefined> | URLSearchParams): string {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const query = new URLSearchParams();
  for (const [key, value] of entries) {
    const text = Array.isArray(value) ? value[0] : value;
    if (key !== 'page' && key !== 'queue' && typeof text === 'string' && text !== '') query.set(key, text);
  }
  return query.toString();
}

/** The link to an evaluation opened from a to-do list: the list's query travels with it. */
export function evaluationHref(id: number, queue: string): string {
  return `/evaluations/${id}?queue=${encodeURIComponent(queue)}`;
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
