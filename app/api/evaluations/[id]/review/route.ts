import { answer, invalidBody, refusal, writeRoute } from '@/lib/auth/write-api';
import { apiReviewSchema, reviewFromApi } from '@/lib/evaluations/api-input';
import { loadEvaluationInScope } from '@/lib/evaluations/authorize';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { formatScore } from '@/lib/format';
import { runOperation } from '@/lib/operations';

export const dynamic = 'force-dynamic';

/** Finance's reviewed scores (docs/api.md): the lines not sent keep what is stored. */
export const PUT = writeRoute(apiReviewSchema, async ({ db, user, body, params }) => {
  const found = await loadEvaluationInScope(db, user, params.id);
  if (!found.ok) return refusal(db, Number(params.id), found);
  const translated = reviewFromApi(found.bundle, body);
  if (!translated.ok) return invalidBody(translated.fieldErrors);
  const id = found.bundle.evaluation.id;
  const state = await runOperation(reviewScoresOperation, user, { ...translated.input, evaluationId: id }, db);
  return answer(db, id, state, (data) => ({
    version: data.version,
    finalScore: formatScore(data.finalTotal),
    finalGrade: data.finalGrade,
  }));
});
