import { describe, expect, it } from 'vitest';
import { evaluations } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';
import { batchTransitionOperation } from '@/lib/evaluations/batch';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation, saveImportedDraftOperation } from '@/lib/evaluations/save-draft';
import { TRANSITION_OPERATIONS } from '@/lib/evaluations/transitions';
import { markReadOperation, notificationEmailOperation, remindOperation } from '@/lib/notifications/operations';
import type { Operation } from '@/lib/operations';
import { drawSpotCheckOperation } from '@/lib/spot-check/operations';
import {
  confirmExecutionImportOperation,
  importExecutionOperation,
  previewExecutionImportOperation,
} from '@/lib/treasury/operations';
import { rowsOf } from './helpers';
import { testWorld } from './world';
import type { z } from 'zod';

const world = testWorld();

/**
 * The caller the other matrices leave out: someone whose password was reset and not yet replaced.
 * Every step of the workflow, the workbench and finance's tools refuses them, for each role the
 * step is meant for, and nothing is written (the gate checks this before reading any input).
 */
const OPERATIONS: Array<Operation<z.ZodType, unknown>> = [
  saveDraftOperation,
  saveImportedDraftOperation,
  // Every workflow step, so a step added to the table is covered here too.
  ...Object.values(TRANSITION_OPERATIONS),
  reviewScoresOperation,
  batchTransitionOperation,
  remindOperation,
  markReadOperation,
  notificationEmailOperation,
  importExecutionOperation,
  previewExecutionImportOperation,
  confirmExecutionImportOperation,
  drawSpotCheckOperation,
];

const withTemporaryPassword = (user: SessionUser): SessionUser => ({ ...user, mustChangePassword: true });

describe('a caller with a temporary password (the gate, lib/auth/gate.ts)', () => {
  for (const op of OPERATIONS)
    it(`is refused ${op.name} for every role it is meant for, changing nothing`, async () => {
      const before = await rowsOf(world.db, evaluations);
      const meantFor = Object.values(world.actors).filter((a) => op.roles.includes(a.role));
      expect(meantFor.length).toBeGreaterThan(0);
      for (const user of meantFor) {
        const evaluationId = await world.evaluationOf('安全生产基础工作专项经费');
        const result = await world.run(op, withTemporaryPassword(user), { evaluationId, version: 1 });
        expect(result, `${op.name} as ${user.username}`).toMatchObject({
          ok: false,
          code: 'forbidden',
          message: '请先修改初始密码',
        });
      }
      expect(await rowsOf(world.db, evaluations)).toEqual(before);
    });
});
