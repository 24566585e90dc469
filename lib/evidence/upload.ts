import 'server-only';
import { z } from 'zod';
import { evidenceBytes, insertAttachments } from '@/db/queries/attachments';
import { insertAuditEntries } from '@/db/queries/audit';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { fail, ok, type Failure } from '@/lib/action-state';
import { loadEvaluationInScope } from '@/lib/evaluations/authorize';
import { boundaryOf, MultipartReader, type BodySource } from '@/lib/http/multipart';
import { defineOperation } from '@/lib/operations';
import { EVIDENCE_ACTIONS, evidencePurposeOf, evidenceRoles } from '@/lib/workflow/state-machine';
import { allowedNow, evidenceTransaction } from './authorize';
import { auditField, describeAttachment, evidenceItem, type EvidenceItem } from './items';
import { evaluationTooLargeMessage, evidenceLimits } from './limits';
import { firstFileName, MAX_FILES_PER_REQUEST, receiveFiles } from './receive';
import { evidenceRows, findRow, type EvidenceRow, type LabelledRow } from './rows';
import { evidenceStorage } from './store';

/** What an upload's route hands over: the request's type, declared length and body, unread. */
export interface UploadRequest {
  contentType: string | null;
  contentLength: number | null;
  body: BodySource | null;
}

/** Room for the part headers and row fields beside the files, when a declared length is checked up front. */
const MULTIPART_OVERHEAD = 1024 * 1024;

const uploadSchema = z.object({
  evaluationId: z.coerce.number().int().positive(),
  request: z.custom<UploadRequest>(
    (value) => typeof value === 'object' && value !== null && 'body' in value && 'contentType' in value,
  ),
});

/**
 * `POST /api/evaluations/{id}/attachments`: the files of one request, stored and then recorded together. The
 * owner's own evidence while the draft is theirs, finance's review evidence while reviewing (the workflow table's
 * attach / attachReview). Refused with 413 over a limit, 415 for a type not let in, 422 for a request it cannot
 * read, 409 when the evaluation's state forbids it; nothing is recorded then.
 */
export const uploadEvidenceOperation = defineOperation({
  name: 'uploadEvidence',
  schema: uploadSchema,
  roles: evidenceRoles('add'),
  async run({ evaluationId, request }, { db, user }) {
    const found = await loadEvaluationInScope(db, user, evaluationId);
    if (!found.ok) return found;
    const { bundle } = found;
    const purpose = evidencePurposeOf(user.role)!;
    const action = EVIDENCE_ACTIONS[purpose].add;
    const allowed = allowedNow(user, bundle, action);
    if (!allowed.ok) return allowed;

    const boundary = boundaryOf(request.contentType);
    if (!boundary || !request.body) return fail('malformed', '请以 multipart/form-data 上传，文件放在字段 file 中');
    const limits = evidenceLimits();
    const usedBytes = bundle.attachments.reduce((sum, a) => sum + a.size, 0);
    const reader = new MultipartReader(request.body, boundary, { maxParts: MAX_FILES_PER_REQUEST + 10 });
    const roomLeft = Math.max(0, limits.maxEvaluationBytes - usedBytes);
    const mostAccepted = Math.min(roomLeft, MAX_FILES_PER_REQUEST * limits.maxFileBytes) + MULTIPART_OVERHEAD;
    // A declared length that cannot fit is refused before a byte of a file is read.
    if (request.contentLength !== null && request.contentLength > mostAccepted) {
      const name = (await firstFileName(reader)) ?? '所选文件';
      return fail('too_large', evaluationTooLargeMessage(name, limits, usedBytes));
    }

    const received = await receiveFiles(reader, { storage: evidenceStorage(), limits, usedBytes });
    // The client is still sending the rest: read it (as much as could have been accepted) before answering.
    if (!received.ok) return drained(reader, received, request.contentLength ?? mostAccepted);
    const row = rowOf(bundle, received.fields);
    if (!row.ok) return row;
    const files = received.files;

    return evidenceTransaction(db, { user, evaluationId, action }, async (tx) => {
      const usedNow = await evidenceBytes(tx, { evaluationId });
      const adding = files.reduce((sum, f) => sum + f.size, 0);
      if (usedNow + adding > limits.maxEvaluationBytes)
        return fail('too_large', evaluationTooLargeMessage(files[files.length - 1].name, limits, usedNow));
      const rows = await insertAttachments(
        tx,
        files.map((file) => ({
          ...file,
          evaluationId,
          target: row.row.target,
          indicatorId: row.row.indicatorId,
          purpose,
          uploadedById: user.id,
        })),
      );
      await insertAuditEntries(tx, {
        actorId: user.id,
        evaluationId,
        action: 'attach',
        changes: rows.map((r) => ({
          entityType: 'attachment',
          entityId: r.id,
          field: auditField(purpose, row.row),
          oldValue: null,
          newValue: describeAttachment(r),
        })),
      });
      const items: EvidenceItem[] = rows.map((r) => evidenceItem({ ...r, uploadedBy: user.displayName }));
      return ok({ items }, `已上传 ${items.length} 个文件`);
    });
  },
});

async function drained(reader: MultipartReader, failure: Failure, maxBytes: number): Promise<Failure> {
  await reader.drain(maxBytes);
  return failure;
}

/** The row the request names: `indicatorId` (one of this evaluation's rows), or `target`; the whole evaluation by default. */
function rowOf(
  bundle: EvaluationBundle,
  fields: { indicatorId?: string; target?: string },
): { ok: true; row: LabelledRow } | Failure {
  const rows = evidenceRows(bundle.indicators);
  const { indicatorId, target = '' } = fields;
  let wanted: EvidenceRow | null;
  if (indicatorId) {
    if (target && target !== 'indicator') return fail('malformed', '请只指定 indicatorId 或 target 之一');
    wanted = /^\d{1,10}$/.test(indicatorId) ? { target: 'indicator', indicatorId: Number(indicatorId) } : null;
  } else {
    wanted = ['budget', 'goal', 'evaluation', ''].includes(target)
      ? { target: (target || 'evaluation') as EvidenceRow['target'], indicatorId: null }
      : null;
  }
  const row = wanted && findRow(rows, wanted);
  if (!row)
    return fail(
      'malformed',
      '佐证材料所属的行不存在：indicatorId 须为本项目的指标，target 须为 budget、goal 或 evaluation',
    );
  return { ok: true, row };
}
