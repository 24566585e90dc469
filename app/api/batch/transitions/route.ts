import { refuseRequest } from '@/lib/auth/api';
import { writeRoute } from '@/lib/auth/write-api';
import { batchTransitionOperation } from '@/lib/evaluations/batch';
import { runOperation } from '@/lib/operations';

export const dynamic = 'force-dynamic';

/** One step on many evaluations (docs/api.md): one result per item, each checked on its own. */
export const POST = writeRoute(batchTransitionOperation.schema, async ({ db, user, body }) => {
  const state = await runOperation(batchTransitionOperation, user, body, db);
  return state.ok ? Response.json(state.data) : refuseRequest(state);
});
