import Link from 'next/link';
import { evaluationHref, queueQuery, type QueueFilter } from '@/lib/workflow/queues';

/** 上一条 / 下一条 through the reviewer's to-do list, with the list's filters kept. */
export function QueueNav({
  neighbours,
  filter,
}: {
  neighbours: { previous: number | null; next: number | null; position: number; total: number };
  filter: QueueFilter;
}) {
  const query = queueQuery(filter);
  return (
    <nav className="queue-nav no-print" aria-label="待办中的上一条和下一条">
      <Link href={`/tasks${query ? `?${query}` : ''}`}>返回待办</Link>
      <span className="muted" data-testid="queue-position">
        第 {neighbours.position} / {neighbours.total} 条
      </span>
      {neighbours.previous === null ? (
        <span className="button" aria-disabled="true">
          上一条
        </span>
      ) : (
        <Link className="button" href={evaluationHref(neighbours.previous, filter)}>
          上一条
        </Link>
      )}
      {neighbours.next === null ? (
        <span className="button" aria-disabled="true">
          下一条
        </span>
      ) : (
        <Link className="button primary" href={evaluationHref(neighbours.next, filter)}>
          下一条
        </Link>
      )}
    </nav>
  );
}
