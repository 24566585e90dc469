import 'server-only';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { defineList, readPage, type QueryOf } from '../list-query';
import { columnsOf } from '../rows';
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

function auditRows(db: Db) {
  return db
    .select({
      ...columnsOf(auditLog, 'id', 'action', 'field', 'oldValue', 'newValue', 'createdAt'),
      actor: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .$dynamic();
}

function auditEntries(db: Db, { where, limit }: { where: SQL | undefined; limit: number }) {
  return auditRows(db).where(where).orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(limit);
}

/** An evaluation's 修改记录 as a list: newest first by default, searchable over what changed and who. */
export const AUDIT_LIST_SPEC = defineList({
  sorts: {
    time: { by: [auditLog.createdAt] },
    actor: { by: [users.displayName], nullable: true },
    field: { by: [auditLog.field], nullable: true },
  },
  defaultSort: { key: 'time', direction: 'desc' },
  tiebreak: [auditLog.id],
  search: [auditLog.field, auditLog.oldValue, auditLog.newValue, users.displayName],
  filters: {},
});

/** One page of an evaluation's 修改记录. */
export function listEvaluationAudit(
  db: Db,
  { evaluationId, query }: { evaluationId: number; query: QueryOf<typeof AUDIT_LIST_SPEC> },
) {
  return readPage(db, AUDIT_LIST_SPEC, query, {
    source: () => auditRows(db),
    where: eq(auditLog.evaluationId, evaluationId),
  });
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
