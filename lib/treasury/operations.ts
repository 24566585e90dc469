import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/db';
import { executionCandidates } from '@/db/queries/treasury';
import { findYear } from '@/db/queries/years';
import type { SessionUser } from '@/lib/auth/scope';
import { defineEvaluationOperation } from '@/lib/evaluations/authorize';
import { evaluationDraftSchema } from '@/lib/evaluations/form-schema';
import { draftFormValues } from '@/lib/evaluations/form-values';
import { DRAFT_FIELD_LABELS, prepareDraft } from '@/lib/evaluations/save-draft';
import { fenText } from '@/lib/evaluations/sheet';
import { runOffThread } from '@/lib/off-thread/run';
import { allOrNone, fail, ok, runOperation } from '@/lib/operations';
import { definePreviewedUpload, uploadedFileFields } from '@/lib/previewed-upload';
import { decide, rolesFor } from '@/lib/workflow/state-machine';
import { matchExecutionRows, type ExecutionMatch, type MatchedRow } from './match';

export const executionUploadSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  ...uploadedFileFields('请选择国库执行数文件（.csv 或 .xlsx）'),
});

/**
 * 导入执行数 on one evaluation: 全年执行数 set to the treasury's figure and remembered as imported, through
 * the one write path (version, cached scores, audit). A figure finance imported before is no change,
 * even when the owner has since typed another: the owner's edit stands until the treasury's figure moves.
 */
export const importExecutionOperation = defineEvaluationOperation({
  action: 'import_execution',
  schema: z.object({
    evaluationId: z.number().int().positive(),
    version: z.number().int().positive(),
    amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
  async run({ amountFen }, { bundle, sheet, commit }) {
    const e = bundle.evaluation;
    if (e.executedImportedFen === amountFen)
      return ok({ changed: false, version: e.version }, '执行数与上次导入的相同');
    const draft = evaluationDraftSchema.parse({ ...draftFormValues(bundle), budgetExecuted: fenText(amountFen) });
    const prepared = prepareDraft(draft, { bundle, sheet });
    if (!prepared.ok) return prepared;
    const imported = {
      entityType: 'evaluation' as const,
      entityId: e.id,
      field: `${DRAFT_FIELD_LABELS.budgetExecuted}·国库导入`,
      oldValue: e.executedImportedFen === null ? null : fenText(e.executedImportedFen),
      newValue: fenText(amountFen),
    };
    return commit({
      data: { changed: true },
      evaluation: {
        budgetExecutedFen: amountFen,
        executedImportedFen: amountFen,
        executedImportedAt: new Date(),
        updatedAt: new Date(),
      },
      result: prepared.result,
      audit: [{ action: 'treasury_import', changes: [...prepared.changes, imported] }],
    });
  },
});

/** What applying a matched row would do: write the figure, nothing (already imported), or nothing (refused). */
export type MatchedOutcome = { kind: 'apply' } | { kind: 'unchanged' } | { kind: 'refused'; reason: string };

export interface ExecutionPreview {
  digest: string;
  year: number;
  problems: ExecutionMatch['problems'];
  matched: Array<{
    row: number;
    evaluationId: number;
    project: string;
    department: string;
    status: MatchedRow['candidate']['status'];
    amountFen: number;
    executedFen: number | null;
    outcome: MatchedOutcome;
  }>;
  unmatched: ExecutionMatch['unmatched'];
  ambiguous: ExecutionMatch['ambiguous'];
  toApply: number;
}

type Analysis = { preview: ExecutionPreview; apply: MatchedRow[] };

async function analyse(db: Db, user: SessionUser, input: z.output<typeof executionUploadSchema>) {
  const year = await findYear(db, { year: input.year });
  if (!year) return fail('not_found', `没有${input.year}年度`);
  const read = await runOffThread('treasury', input.content);
  if (!read.ok) return fail('invalid', read.message, { content: read.message });
  const found = matchExecutionRows(read.rows, await executionCandidates(db, { year: input.year }));
  const apply: MatchedRow[] = [];
  const matched = found.matched.map((m) => {
    const c = m.candidate;
    const scope = { ...c, year: input.year, yearStatus: year.status };
    const decision = decide(user, scope, 'import_execution');
    const outcome: MatchedOutcome = !decision.allowed
      ? { kind: 'refused', reason: decision.reason }
      : c.importedFen === m.amountFen
        ? { kind: 'unchanged' }
        : { kind: 'apply' };
    if (outcome.kind === 'apply') apply.push(m);
    const { evaluationId, project, department, status, executedFen } = c;
    return { row: m.row, evaluationId, project, department, status, amountFen: m.amountFen, executedFen, outcome };
  });
  const digest = createHash('sha256')
    .update(
      `${input.year}\n${input.content}\n${JSON.stringify(apply.map((m) => [m.candidate.evaluationId, m.candidate.version]))}`,
    )
    .digest('hex');
  const { problems, unmatched, ambiguous } = found;
  return {
    ok: true as const,
    preview: { digest, year: input.year, problems, matched, unmatched, ambiguous, toApply: apply.length },
    apply,
  } satisfies Analysis & { ok: true };
}

/**
 * Upload → the rows matched (and what applying each would do), unmatched, ambiguous, and bad, nothing
 * written; then confirmed: exactly what was previewed (same file, same versions) applied, every row or
 * none, in one transaction.
 */
export const { previewOperation: previewExecutionImportOperation, confirmOperation: confirmExecutionImportOperation } =
  definePreviewedUpload({
    name: 'ExecutionImport',
    schema: executionUploadSchema,
    roles: rolesFor('import_execution'),
    analyse,
    digest: ({ preview }) => preview.digest,
    preview: ({ preview }): ExecutionPreview => preview,
    async apply({ preview, apply }, { db, user }) {
      if (preview.problems.length > 0)
        return fail('invalid', `文件中有 ${preview.problems.length} 行有问题，未导入任何执行数`);
      const applied = await allOrNone(db, apply, (m, tx) =>
        runOperation(
          importExecutionOperation,
          user,
          { evaluationId: m.candidate.evaluationId, version: m.candidate.version, amountFen: m.amountFen },
          tx,
        ),
      );
      if (!applied.ok)
        return fail(
          applied.failure.code,
          `“${applied.item.candidate.project}”未能导入：${applied.failure.message}，未导入任何执行数`,
        );
      const message =
        apply.length === 0
          ? '没有需要导入的执行数（均已导入过或不在可导入的状态）'
          : `已导入 ${apply.length} 个项目的全年执行数`;
      return ok({ applied: apply.length }, message);
    },
  });
