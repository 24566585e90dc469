import Link from 'next/link';
import { evaluationHref } from '@/lib/workflow/queues';

/** 上一条 / 下一条 through the reviewer's to-do list, with the list's filters kept. */
export function QueueNav({
  neighbours,
  queue,
}: {
  neighbours: { previous: number | null; next: number | null; position: number; total: number };
  /** The to-do list's query (queueQueryOf). */
  queue: string;
}) {
  return (
    <nav className="queue-nav no-print" aria-label="待办中的上一条和下一条">
      <Link href={`/tasks${queue ? `?${queue}` : ''}`}>返回待办</Link>
      <span className="muted" data-testid="queue-position">
        第 {neighbours.position} / {neighbours.total} 条
      </span>
      <StepLink id={neighbours.previous} queue={queue} label="上一条" />
      <StepLink id={neighbours.next} queue={queue} label="下一条" primary />
    </nav>
  );
}

function StepLink({
  id,
  queue,
  label,
  primary,
}: {
  id: number | null;
  queue: string;
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
    <Link className={primary ? 'button primary' : 'button'} href={evaluationHref(id, queue)}>
      {label}
    </Link>
  );
}
