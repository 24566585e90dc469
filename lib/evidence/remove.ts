import 'server-only';
import { z } from 'zod';
import { deleteAttachment } from '@/db/queries/attachments';
import { insertAuditEntries } from '@/db/queries/audit';
import { fail, ok } from '@/lib/action-state';
import { defineOperation } from '@/lib/operations';
import { EVIDENCE_ACTIONS, evidenceRoles } from '@/lib/workflow/state-machine';
import { allowedNow, evidenceTransaction, loadAttachmentInScope } from './authorize';
import { auditField, describeAttachment } from './items';
import { evidenceRows, findRow } from './rows';

/**
 * `DELETE /api/attachments/{id}`: the row goes (audited); its file stays until the sweep finds no row pointing to
 * it (another row may share the content). The owner removes the owner's evidence while the draft is theirs,
 * finance its review evidence while reviewing (the workflow table's detach / detachReview).
 */
export const removeEvidenceOperation = defineOperation({
  name: 'removeEvidence',
  schema: z.object({ attachmentId: z.coerce.number().int().positive() }),
  roles: evidenceRoles('remove'),
  async run({ attachmentId }, { db, user }) {
    const found = await loadAttachmentInScope(db, user, attachmentId);
    if (!found.ok) return found;
    const { attachment, bundle } = found;
    const action = EVIDENCE_ACTIONS[attachment.purpose].remove;
    const allowed = allowedNow(user, bundle, action);
    if (!allowed.ok) return allowed;
    const evaluationId = attachment.evaluationId;
    const row = findRow(evidenceRows(bundle.indicators), attachment);
    return evidenceTransaction(db, { user, evaluationId, action }, async (tx) => {
      if (!(await deleteAttachment(tx, { id: attachment.id }))) return fail('not_found', '该佐证材料已被删除');
      await insertAuditEntries(tx, {
        actorId: user.id,
        evaluationId,
        action: 'detach',
        changes: [
          {
            entityType: 'attachment',
            entityId: attachment.id,
            field: auditField(attachment.purpose, row ?? { label: '整体' }),
            oldValue: describeAttachment(attachment),
            newValue: null,
          },
        ],
      });
      return ok(null, `已删除“${attachment.name}”`);
    });
  },
});
