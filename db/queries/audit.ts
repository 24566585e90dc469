import 'server-only';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { auditLog, users, type AuditAction, type AuditEntityType } from '../schema';
import type { Db } from '../sqlite';

/** One old → new pair of the audit log ("every change is audited"). */
export interface AuditChange {
  entityType: AuditEntityType;
  entityId: number | null;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/**
 * Writes audit entries inside the caller's transaction. `evaluationId` files an entry under an
 * evaluation too, so that it shows in that evaluation's 修改记录 (administration usually has none).
 */
export async function insertAuditEntries(
  tx: Db,
  {
    actorId,
    action,
    changes,
    evaluationId = null,
  }: { actorId: number | null; action: AuditAction; changes: AuditChange[]; evaluationId?: number | null },
) {
  if (changes.length === 0) return;
  await tx.insert(auditLog).values(changes.map((c) => ({ ...c, actorId, evaluationId, action })));
}

function auditEntries(db: Db, { where, limit }: { where: SQL | undefined; limit: number }) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      field: auditLog.field,
      oldValue: auditLog.oldValue,
      newValue: auditLog.newValue,
      createdAt: auditLog.createdAt,
      actor: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}

/** An evaluation's 修改记录, newest first. */
export function listEvaluationAudit(db: Db, { evaluationId, limit = 500 }: { evaluationId: number; limit?: number }) {
  return auditEntries(db, { where: eq(auditLog.evaluationId, evaluationId), limit });
}

/** One entity's audit trail (a user's or a department's), newest first. */
export function listEntityAudit(
  db: Db,
  { entityType, entityId, limit = 50 }: { entityType: AuditEntityType; entityId: number; limit?: number },
) {
  return auditEntries(db, {
    where: and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)),
    limit,
  });
}
