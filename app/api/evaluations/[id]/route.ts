import { evaluationRoute } from '@/lib/auth/api';
import { answer, invalidBody, refusal, writeRoute } from '@/lib/auth/write-api';
import { apiDraftSchema, draftFromApi } from '@/lib/evaluations/api-input';
import { loadEvaluationInScope } from '@/lib/evaluations/authorize';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { serializeEvaluation } from '@/lib/evaluations/serialize';
import { scoreStored } from '@/lib/evaluations/sheet';
import { formatScore } from '@/lib/format';
import { runOperation } from '@/lib/operations';

export const dynamic = 'force-dynamic';

export const GET = evaluationRoute(({ bundle }) =>
  Response.json(serializeEvaluation(bundle, scoreStored(bundle).result)),
);

/** Saves a draft (docs/api.md): what the body leaves out keeps its stored value. */
export const PUT = writeRoute(apiDraftSchema, async ({ db, user, body, params }) => {
  const found = await loadEvaluationInScope(db, user, params.id);
  if (!found.ok) return refusal(db, Number(params.id), found);
  const translated = draftFromApi(found.bundle, body);
  if (!translated.ok) return invalidBody(translated.fieldErrors);
  const id = found.bundle.evaluation.id;
  const state = await runOperation(saveDraftOperation, user, { ...translated.input, evaluationId: id }, db);
  return answer(db, id, state, (data) => ({
    version: data.version,
    selfScore: formatScore(data.selfTotal),
    selfGrade: data.selfGrade,
  }));
});
