import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { transaction, type Db } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { findDepartmentById } from '@/db/queries/departments';
import { insertTargetImport } from '@/db/queries/targets';
import { runOffThread } from '@/lib/off-thread/run';
import { defineOperation, fail, ok } from '@/lib/operations';
import { MAX_SOURCE_CHARS, sourceTooLarge } from './import-limits';
import { importTargetTable, type ImportOutcome } from './import-table';

export const targetSourceSchema = z.object({
  year: z.union([
    z.literal(''),
    z.coerce.number().int('年度须为整数').min(2000, '年度须在2000至2100之间').max(2100, '年度须在2000至2100之间'),
  ]),
  sourceName: z.string().trim().max(200).default('粘贴的文本'),
  format: z.enum(['text', 'xlsx']),
  content: z
    .string()
    .min(1, '请粘贴目标表文本或选择文件')
    .max(MAX_SOURCE_CHARS, { error: (issue) => sourceTooLarge(String(issue.input)) }),
  /** '' = the department the table names (matched by name, created when new). */
  departmentId: z.union([z.literal(''), z.coerce.number().int().positive()]).default(''),
});

export type TargetSource = z.infer<typeof targetSourceSchema>;

type DigestSource = { year: number | string; format: string; content: string; departmentId?: number | string };

const digestHead = (source: DigestSource) => `${source.year}\n${source.departmentId ?? ''}\n${source.format}\n`;

/** What the preview showed; confirming anything else is refused. */
export function sourceDigest(source: DigestSource): string {
  return createHash('sha256').update(digestHead(source)).update(source.content).digest('hex');
}

/** Characters hashed per turn of the event loop: a few milliseconds each. */
const DIGEST_SLICE = 256 * 1024;

/**
 * sourceDigest of a source of megabytes without holding the server's thread for the whole of it (a third
 * of a second for 8 MB on a busy machine): the same bytes, a slice per turn, never splitting a surrogate pair.
 */
async function sourceDigestInSlices(source: DigestSource): Promise<string> {
  const hash = createHash('sha256').update(digestHead(source));
  const { content } = source;
  for (let start = 0; start < content.length;) {
    let end = Math.min(content.length, start + DIGEST_SLICE);
    if (end < content.length && (content.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
    hash.update(content.slice(start, end));
    start = end;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return hash.digest('hex');
}

export interface ImportPreview {
  digest: string;
  year: number;
  outcome: ImportOutcome;
}

async function dryRun(db: Db, source: TargetSource) {
  const parsed = await runOffThread('targets', source);
  if (!parsed.ok) return { error: parsed.refusal.message, field: 'content' } as const;
  const { table } = parsed;
  const year = source.year === '' ? table.year : source.year;
  if (!year) return { error: '目标表中没有年度，请填写导入年度', field: 'year' } as const;
  const departmentId = source.departmentId === '' ? undefined : source.departmentId;
  if (departmentId !== undefined) {
    const department = await findDepartmentById(db, { id: departmentId });
    if (!department?.active) return { error: '所选部门不存在或已停用', field: 'departmentId' } as const;
  }
  return {
    table,
    year,
    departmentId,
    outcome: await importTargetTable(db, { table, year, departmentId, dryRun: true }),
  } as const;
}

/**
 * Parses and dry-runs an import: the report of what would be created, updated or kept, and anything that
 * blocks it (outcome.blocking: the preview shows why and confirming is refused); nothing is written.
 */
export const previewTargetImportOperation = defineOperation({
  name: 'previewTargetImport',
  schema: targetSourceSchema,
  roles: ['admin', 'finance'],
  async run(source, { db }) {
    const run = await dryRun(db, source);
    if ('error' in run) return fail('invalid', run.error!, { [run.field!]: run.error! });
    if (run.outcome.projects === 0)
      return fail('invalid', '没有识别到任何项目，请检查粘贴的内容是否为完整的绩效目标表', {
        content: '没有识别到任何项目',
      });
    return ok<ImportPreview>({ digest: await sourceDigestInSlices(source), year: run.year, outcome: run.outcome });
  },
});

/** Imports exactly what was previewed (same digest), keeps the source as an import record, and audits it. */
export const confirmTargetImportOperation = defineOperation({
  name: 'confirmTargetImport',
  schema: targetSourceSchema.extend({ digest: z.string().length(64) }),
  roles: ['admin', 'finance'],
  async run(input, { db, user }) {
    if ((await sourceDigestInSlices(input)) !== input.digest)
      return fail('conflict', '导入内容与预览时不一致，请重新预览后再确认');
    const run = await dryRun(db, input);
    if ('error' in run) return fail('invalid', run.error!, { [run.field!]: run.error! });
    const [blocking] = run.outcome.blocking;
    if (blocking)
      return fail('invalid', `无法导入：${blocking.project ? `${blocking.project}：` : ''}${blocking.message}`);
    const outcome = await transaction(db, async (tx) => {
      const result = await importTargetTable(tx, {
        table: run.table,
        year: run.year,
        departmentId: run.departmentId,
        actorId: user.id,
      });
      const recordId = await insertTargetImport(tx, {
        year: run.year,
        sourceName: input.sourceName,
        sourceText: input.format === 'text' ? input.content : `[xlsx base64] ${input.content}`,
        createdById: user.id,
      });
      await insertAuditEntries(tx, {
        actorId: user.id,
        action: 'import',
        changes: [
          {
            entityType: 'target_import',
            entityId: recordId,
            field: `${run.year}年绩效目标表`,
            oldValue: null,
            newValue: `新增${result.created.length}、更新${result.updated.length}、保留${result.kept.length}（${input.sourceName}）`,
          },
        ],
      });
      return result;
    });
    return ok(
      outcome,
      `已导入 ${run.year} 年度：新增 ${outcome.created.length} 个项目，更新 ${outcome.updated.length} 个`,
    );
  },
});
