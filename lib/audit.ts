import type { AuditChange } from '@/db/queries/audit';
import type { AuditEntityType } from '@/db/schema';

export type { AuditChange } from '@/db/queries/audit';

/** Collects old → new pairs, skipping the unchanged ones. */
export class ChangeSet {
  readonly changes: AuditChange[] = [];

  compare(
    entityType: AuditEntityType,
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
