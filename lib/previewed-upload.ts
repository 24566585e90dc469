import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import type { Role } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';
import { defineOperation, fail, ok, type ActionState, type Failure } from '@/lib/operations';
import { checkWorkbookSize, IMPORT_LIMITS } from '@/lib/targets/import-limits';

/** A file within the import limit is at most this long in base64; anything longer is refused unread. */
const MAX_CONTENT_CHARS = Math.ceil(IMPORT_LIMITS.xlsxBytes / 3) * 4 + 4;

/** The file of an upload, as the browser sends it (useUploadPreview): its name, and its bytes in base64. */
export function uploadedFileFields(missing: string) {
  return {
    fileName: z.string().trim().max(200).default(''),
    content: z
      .string()
      .min(1, missing)
      .max(MAX_CONTENT_CHARS, {
        error: (issue) => checkWorkbookSize(Math.floor((String(issue.input).length * 3) / 4))?.message ?? '文件过大',
      }),
  };
}

/**
 * The two operations of an upload previewed before it is applied (the entry workbook, the treasury
 * figures). Both read and check the file afresh against what is stored now (`analyse`); the preview
 * writes nothing and carries a digest of the file and of the versions it was checked against; the
 * confirmation applies only while that digest still holds, so only what was shown is applied.
 */
export function definePreviewedUpload<S extends z.ZodObject, A, P, R>({
  name,
  schema,
  roles,
  analyse,
  digest,
  preview,
  apply,
}: {
  /** `EntryImport`: the operations previewEntryImport and confirmEntryImport. */
  name: string;
  schema: S;
  roles: readonly Role[];
  analyse: (db: Db, user: SessionUser, input: z.output<S>) => Promise<Failure | ({ ok: true } & A)>;
  digest: (analysis: A, input: z.output<S>) => string;
  preview: (analysis: A, digest: string) => P;
  /** Runs once the digest is checked: the analysis is what was previewed. */
  apply: (analysis: A, ctx: { db: Db; user: SessionUser }) => Promise<ActionState<R>>;
}) {
  const previewOperation = defineOperation({
    name: `preview${name}`,
    schema,
    roles,
    async run(input, { db, user }): Promise<ActionState<P>> {
      const analysis = await analyse(db, user, input);
      if (!analysis.ok) return analysis;
      return ok(preview(analysis, digest(analysis, input)));
    },
  });
  const confirmOperation = defineOperation({
    name: `confirm${name}`,
    schema: schema.extend({ digest: z.string().length(64) }),
    roles,
    async run(input, { db, user }): Promise<ActionState<R>> {
      const upload = input as z.output<S> & { digest: string };
      const analysis = await analyse(db, user, upload);
      if (!analysis.ok) return analysis;
      if (digest(analysis, upload) !== upload.digest)
        return fail('conflict', '预览之后文件或自评已有变化（可能有人保存过），请重新上传预览后再确认');
      return apply(analysis, { db, user });
    },
  });
  return { previewOperation, confirmOperation };
}
