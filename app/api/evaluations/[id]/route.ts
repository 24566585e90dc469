import { evaluationRoute } from '@/lib/auth/api';
import { evaluationWriteRoute } from '@/lib/auth/write-api';
import { apiDraftSchema, draftFromApi } from '@/lib/evaluations/api-input';
import { shownEvaluation } from '@/lib/evaluations/frozen';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { serializeEvaluation } from '@/lib/evaluations/serialize';
import { formatScore } from '@/lib/format';
import type { Operation } from '@/lib/operations';
import type { z } from 'zod';

export const dynamic = 'force-dynamic';

export const GET = evaluationRoute(({ bundle }) => {
  const shown = shownEvaluation(bundle);
  return Response.json(serializeEvaluation(shown.bundle, shown.result));
});

/** Saves a draft (docs/api.md): what the body leaves out keeps its stored value. */
export const PUT = evaluationWriteRoute({
  schema: apiDraftSchema,
  translate: draftFromApi,
  operation: saveDraftOperation as Operation<z.ZodType, { version: number; selfTotal: string; selfGrade: string }>,
  success: (data) => ({ version: data.version, selfScore: formatScore(data.selfTotal), selfGrade: data.selfGrade }),
});
