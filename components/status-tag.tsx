import type { ReturnNote } from '@/db/queries/workflow';
import type { EvaluationStatus } from '@/db/schema';
import { formatReturnNote } from '@/lib/format';
import { STATUS_LABELS } from '@/lib/roles';

/** An evaluation's status as a coloured tag; a project whose evaluation does not exist yet is 未开始. */
export function StatusTag({ status, testId }: { status: EvaluationStatus | null; testId?: string }) {
  return (
    <span className={`status status-${status ?? 'none'}`} data-testid={testId}>
      {status ? STATUS_LABELS[status] : '未开始'}
    </span>
  );
}

/** The status in a list: 已退回 says who returned it, when, and the comment. */
export function ListStatus({ status, returned }: { status: EvaluationStatus | null; returned?: ReturnNote }) {
  return (
    <>
      <StatusTag status={status} />
      {status === 'returned' && returned && (
        <small className="returned-note" data-testid="returned-note" title={returned.comment}>
          {formatReturnNote(returned)}
        </small>
      )}
    </>
  );
}
