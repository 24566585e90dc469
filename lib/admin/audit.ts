import { auditLog } from '@/db/schema';
import type { AuditChange, Tx } from '@/lib/evaluations/persist';

export { ChangeSet, type AuditChange } from '@/lib/evaluations/persist';

/** What the audit log shows instead of a password or its hash: only the fact that it changed. */
export const PASSWORD_RESET_MARK = '已重置';

export const ACTIVE_LABELS = { true: '启用', false: '停用' } as const;
export const activeLabel = (active: boolean) => (active ? ACTIVE_LABELS.true : ACTIVE_LABELS.false);

/**
 * Audit entries of administration (users, departments, owners). Unlike an evaluation's entries
 * they usually belong to no evaluation; an owner change does, so that it shows in that
 * evaluation's 修改记录 too.
 */
export function recordChanges(tx: Tx, { actorId, action, changes, evaluationId = null }: { actorId: number; action: string; changes: AuditChange[]; evaluationId?: number | null }) {
  if (changes.length === 0) return;
  tx.insert(auditLog)
    .values(changes.map((c) => ({ ...c, actorId, evaluationId, action })))
    .run();
}
