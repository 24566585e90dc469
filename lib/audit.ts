import type { Tx } from '@/db';
import { auditLog } from '@/db/schema';

/** One old → new pair of the audit log ("every change is audited"). */
export interface AuditChange {
  entityType: string;
  entityId: number | null;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** Collects old → new pairs, skipping the unchanged ones. */
export class ChangeSet {
  readonly changes: AuditChange[] = [];

  compare(
    entityType: string,
    entityId: number | null,
    field: string,
    oldValue: string | null | undefined,
    newValue: string | null | undefined,
  ) {
    const before = oldValue ?? '';
    const after = newValue ?? '';
    if (before !== after)
      this.changes.push({ entityType, entityId, field, oldValue: before || null, newValue: after || null });
  }
}

/**
 * Writes audit entries inside the caller's transaction. `evaluationId` files an entry under an
 * evaluation too, so that it shows in that evaluation's 修改记录 (administration usually has none).
 */
export function writeAudit(
  tx: Pick<Tx, 'insert'>,
  {
    actorId,
    action,
    changes,
    evaluationId = null,
  }: { actorId: number | null; action: string; changes: AuditChange[]; evaluationId?: number | null },
) {
  if (changes.length === 0) return;
  tx.insert(auditLog)
    .values(changes.map((c) => ({ ...c, actorId, evaluationId, action })))
    .run();
}
