import { fail } from '@/lib/action-state';
import { answer, refusal, writeRoute } from '@/lib/auth/write-api';
import { apiTransitionSchema } from '@/lib/evaluations/api-input';
import { runTransition } from '@/lib/evaluations/transitions';

export const dynamic = 'force-dynamic';

/** One workflow step (docs/api.md), through the same operation as the page's button. */
export const POST = writeRoute(apiTransitionSchema, async ({ db, user, body, params }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) return refusal(db, 0, fail('not_found', '找不到该自评'));
  const { action, comment, version } = body;
  const state = await runTransition(db, user, action, { evaluationId: id, version, comment });
  return answer(db, id, state, (data) => ({ status: data.status, version: data.version }));
});
