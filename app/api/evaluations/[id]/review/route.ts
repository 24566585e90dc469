import { evaluationWriteRoute } from '@/lib/auth/write-api';
import { apiReviewSchema, reviewFromApi } from '@/lib/evaluations/api-input';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { formatScore } from '@/lib/format';
import type { Operation } from '@/lib/operations';
import type { z } from 'zod';

export const dynamic = 'force-dynamic';

/** Finance's reviewed scores (docs/api.md): the lines not sent keep what is stored. */
export const PUT = evaluationWriteRoute({
  schema: apiReviewSchema,
  translate: reviewFromApi,
  operation: reviewScoresOperation as Operation<z.ZodType, { version: number; finalTotal: string; finalGrade: string }>,
  success: (data) => ({ version: data.version, finalScore: formatScore(data.finalTotal), finalGrade: data.finalGrade }),
});
