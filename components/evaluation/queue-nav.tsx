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
      <StepLink id={neighbours.previous} filter={filter} label="上一条" />
      <StepLink id={neighbours.next} filter={filter} label="下一条" primary />
    </nav>
  );
}

function StepLink({
  id,
  filter,
  label,
  primary,
}: {
  id: number | null;
  filter: QueueFilter;
  label: string;
  primary?: boolean;
}) {
  if (id === null)
    return (
      <span className="button" aria-disabled="true">
        {label}
      </span>
    );
  return (
    <Link className={primary ? 'button primary' : 'button'} href={evaluationHref(id, filter)}>
      {label}
    </Link>
  );
}
