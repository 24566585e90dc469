import type { listReviewActions } from '@/db/queries/evaluations';
import { formatDateTime } from '@/lib/format';
import { nameWithRole, STATUS_LABELS } from '@/lib/roles';
import { WORKFLOW_ACTIONS } from '@/lib/workflow/state-machine';

type Entry = Awaited<ReturnType<typeof listReviewActions>>[number];

export function Timeline({ entries }: { entries: Entry[] }) {
  return (
    <section className="card">
      <h2>流转记录</h2>
      {entries.length === 0 ? (
        <p className="muted">尚未提交。</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {entries.map((e) => (
            <li key={e.id} className={`timeline-${e.action}`}>
              <span className="when">{formatDateTime(e.createdAt)}</span>
              <strong>
                {nameWithRole(e.actor, e.actorRole)}
                {WORKFLOW_ACTIONS[e.action].verb}
              </strong>
              <span className="muted">
                {STATUS_LABELS[e.fromStatus]} → {STATUS_LABELS[e.toStatus]}
              </span>
              {e.comment && <p className="comment">意见：{e.comment}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
