import 'server-only';
import { ROLES } from '@/db/schema';
import { defineOperation, ok } from '@/lib/operations';
import { rolesFor } from '@/lib/workflow/state-machine';
import { apiBatchSchema } from './api-input';
import { runTransition, TRANSITION_OPERATIONS } from './transitions';

export type BatchResult =
  { id: number; ok: true; status: string; version: number } | { id: number; ok: false; code: string; message: string };

/**
 * One step on many evaluations with one shared comment (批量审核通过, 批量定稿, 批量退回): each goes
 * through the step's own operation, checked on its own (scope, state, version) and committed on its
 * own, so one refused never holds back the others; the result says which went through and why not.
 */
export const batchTransitionOperation = defineOperation({
  name: 'batch_transition',
  schema: apiBatchSchema,
  roles: ROLES.filter((role) => Object.keys(TRANSITION_OPERATIONS).some((a) => rolesFor(a as never).includes(role))),
  async run({ action, comment, evaluations }, { db, user }) {
    const results: BatchResult[] = [];
    for (const { id, version } of evaluations) {
      const state = await runTransition(db, user, action, { evaluationId: id, version, comment });
      results.push(
        state.ok
          ? { id, ok: true, status: state.data.status, version: state.data.version }
          : { id, ok: false, code: state.code, message: state.message },
      );
    }
    return ok({ results });
  },
});
