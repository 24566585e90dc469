import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/db';
import type { SessionUser } from '@/lib/auth/scope';
import { loadEvaluationInScope, workflowScope } from '@/lib/evaluations/authorize';
import { saveImportedDraftOperation } from '@/lib/evaluations/save-draft';
import { runOffThread } from '@/lib/off-thread/run';
import { allOrNone, fail, ok, runOperation, type Failure } from '@/lib/operations';
import { definePreviewedUpload, uploadedFileFields } from '@/lib/previewed-upload';
import { decide, rolesFor } from '@/lib/workflow/state-machine';
import { parseSheetKey } from './layout';
import { planSheet, refusedSheet, type EntrySheetPreview, type SheetPlan } from './plan-sheet';
import type { RawSheet } from './read-workbook';

export const entryUploadSchema = z.object({
  /** The evaluation page's upload (one project), or the project list's (every sheet of a year). */
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('evaluation'), evaluationId: z.number().int().positive() }),
    z.object({ kind: z.literal('year'), year: z.number().int().min(2000).max(2100) }),
  ]),
  ...uploadedFileFields('请选择填写好的填报表（.xlsx）'),
});

type EntryUpload = z.output<typeof entryUploadSchema>;

export interface EntryImportPreview {
  /** What was previewed: the file and the versions it was checked against; confirming anything else is refused. */
  digest: string;
  sheets: EntrySheetPreview[];
  /** Sheets left out on purpose (another project's sheet on a project's page, a sheet of notes). */
  notes: string[];
  problems: number;
  changes: number;
}

const digestOf = (content: string, plans: SheetPlan[]) =>
  createHash('sha256')
    .update(`${content}\n${JSON.stringify(plans.map((p) => [p.preview.evaluationId, p.version]))}`)
    .digest('hex');

/** The sheet of one evaluation in an upload, or why it cannot be used. */
async function planFor(db: Db, user: SessionUser, raw: RawSheet, year: number | null): Promise<SheetPlan> {
  const key = parseSheetKey(raw.key)!;
  const found = await loadEvaluationInScope(db, user, key.evaluationId);
  if (!found.ok) return refusedSheet(raw, `该工作表属于您无权填报的项目（${raw.title || raw.name}）`);
  const { bundle } = found;
  if (bundle.project.id !== key.projectId)
    return refusedSheet(raw, '工作表的标识与项目不符，请重新下载填报表', key.evaluationId);
  if (year !== null && bundle.project.year !== year)
    return refusedSheet(
      raw,
      `该工作表属于${bundle.project.year}年度的项目，请在该年度的项目列表上传`,
      key.evaluationId,
    );
  const decision = decide(user, workflowScope(bundle), 'save');
  if (!decision.allowed) return refusedSheet(raw, `“${bundle.project.name}”：${decision.reason}`, key.evaluationId);
  return planSheet(bundle, raw);
}

/** Reads the upload and plans every sheet against what is stored now; writes nothing. */
async function analyse(
  db: Db,
  user: SessionUser,
  input: EntryUpload,
): Promise<Failure | { ok: true; plans: SheetPlan[]; notes: string[] }> {
  const { target } = input;
  let project = '';
  if (target.kind === 'evaluation') {
    const found = await loadEvaluationInScope(db, user, target.evaluationId);
    if (!found.ok) return found;
    const decision = decide(user, workflowScope(found.bundle), 'save');
    if (!decision.allowed) return fail(decision.code, decision.reason);
    project = found.bundle.project.name;
  }
  const read = await runOffThread('entry', input.content);
  if (!read.ok) return fail('invalid', read.message, { content: read.message });
  const entry = read.sheets.filter((s) => parseSheetKey(s.key) !== null);
  const others = read.sheets.filter((s) => parseSheetKey(s.key) === null);
  if (entry.length === 0) {
    const message = `文件中没有本系统的填报表（工作表：${read.sheets.map((s) => `“${s.name}”`).join('、') || '无'}）。请先下载填报表，在其中填写后上传`;
    return fail('invalid', message, { content: message });
  }
  const notes = others.map((s) => `工作表“${s.name}”不是填报表，未读取`);
  let chosen = entry;
  if (target.kind === 'evaluation') {
    chosen = entry.filter((s) => parseSheetKey(s.key)!.evaluationId === target.evaluationId);
    if (chosen.length === 0) {
      const theirs = entry.map((s) => `“${s.title || s.name}”`).join('、');
      return {
        ok: true,
        notes,
        plans: [
          refusedSheet(
            entry[0],
            `上传的填报表属于另一个项目（${theirs}），不是“${project}”的填报表`,
            target.evaluationId,
          ),
        ],
      };
    }
    if (entry.length > chosen.length)
      notes.push(`其他项目的工作表（${entry.length - chosen.length}个）未读取，请在各自的页面或项目列表上传`);
  }
  const plans: SheetPlan[] = [];
  const seen = new Set<number>();
  for (const raw of chosen) {
    const evaluationId = parseSheetKey(raw.key)!.evaluationId;
    if (seen.has(evaluationId)) {
      plans.push(refusedSheet(raw, '同一个项目有多个工作表，请只保留一个', evaluationId));
      continue;
    }
    seen.add(evaluationId);
    plans.push(await planFor(db, user, raw, target.kind === 'year' ? target.year : null));
  }
  return { ok: true, plans, notes };
}

const count = (plans: SheetPlan[], what: 'problems' | 'changes') =>
  plans.reduce((sum, p) => sum + p.preview[what].length, 0);

/**
 * Upload → every change (row, old → new) and every problem per row, nothing written; then confirmed:
 * exactly what was previewed (same file, same versions) applied through the save operation itself,
 * audited as 从 Excel 导入: every sheet or none, in one transaction.
 */
export const { previewOperation: previewEntryImportOperation, confirmOperation: confirmEntryImportOperation } =
  definePreviewedUpload({
    name: 'EntryImport',
    schema: entryUploadSchema,
    roles: rolesFor('save'),
    analyse,
    digest: ({ plans }, input) => digestOf(input.content, plans),
    preview: ({ plans, notes }, digest): EntryImportPreview => ({
      digest,
      sheets: plans.map((p) => p.preview),
      notes,
      problems: count(plans, 'problems'),
      changes: count(plans, 'changes'),
    }),
    async apply({ plans }, { db, user }) {
      const problems = count(plans, 'problems');
      if (problems > 0) return fail('invalid', `填报表中有 ${problems} 处问题，未导入任何内容`);
      const toSave = plans.filter((p) => p.preview.changes.length > 0);
      const saved = await allOrNone(db, toSave, (plan, tx) =>
        runOperation(saveImportedDraftOperation, user, { ...plan.draft, version: plan.version }, tx),
      );
      if (!saved.ok)
        return fail(saved.failure.code, `“${saved.item.preview.project}”未能导入：${saved.failure.message}`);
      const versions: Record<number, number> = Object.fromEntries(
        toSave.map((plan, i) => [plan.preview.evaluationId!, saved.data[i].version]),
      );
      const changes = count(toSave, 'changes');
      const message =
        toSave.length === 0
          ? '填报表与已保存的内容一致，没有需要导入的修改'
          : `已从 Excel 导入 ${toSave.length} 个项目的 ${changes} 处修改`;
      return ok({ saved: toSave.length, changes, versions }, message);
    },
  });
