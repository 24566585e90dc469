import type { EvaluationStatus } from '@/db/schema';
import { STATUS_LABELS } from '@/lib/roles';

/** An evaluation's status as a coloured tag; a project whose evaluation does not exist yet is 未开始. */
export function StatusTag({ status, testId }: { status: EvaluationStatus | null; testId?: string }) {
  return (
    <span className={`status status-${status ?? 'none'}`} data-testid={testId}>
      {status ? STATUS_LABELS[status] : '未开始'}
    </span>
  );
}
