import { beforeAll, describe, expect, it } from 'vitest';
import { evaluations, spotChecks } from '@/db/schema';
import type { Operation } from '@/lib/operations';
import { drawSpotCheckOperation } from '@/lib/spot-check/operations';
import { confirmExecutionImportOperation, previewExecutionImportOperation } from '@/lib/treasury/operations';
import { snapshotOf } from './helpers';
import { bringTo, CALLERS, sessionOf, testWorld } from './world';
import type { z } from 'zod';

/**
 * The year-wide operations of finance (the treasury import, the spot-check sample) × every kind of
 * caller: each one but finance is refused with its code and nothing is written; finance succeeds.
 */
const world = testWorld();
// One approved evaluation for the sample to be drawn from.
beforeAll(async () => bringTo(world, await world.evaluationOf('应急专项经费'), 'dept_approved'));

const FILE = {
  year: 2024,
  fileName: 't.csv',
  content: Buffer.from('项目名称,全年执行数\n三防专项经费,9\n').toString('base64'),
};

async function digestOf() {
  const state = await world.run(previewExecutionImportOperation, world.actors.finance, FILE);
  if (!state.ok) throw new Error(state.message);
  return state.data.digest;
}

const ROWS: Array<{ name: string; op: Operation<z.ZodType, unknown>; input: () => Promise<unknown> }> = [
  { name: 'previewExecutionImport', op: previewExecutionImportOperation, input: async () => FILE },
  {
    name: 'confirmExecutionImport',
    op: confirmExecutionImportOperation,
    input: async () => ({ ...FILE, digest: await digestOf() }),
  },
  {
    name: 'drawSpotCheck',
    op: drawSpotCheckOperation,
    input: async () => ({ year: 2024, mode: 'count', amount: 1, seed: 'matrix' }),
  },
];

describe('finance’s year-wide operations', () => {
  for (const row of ROWS) {
    describe(row.name, () => {
      for (const caller of CALLERS.filter((c) => c !== 'finance'))
        it(`is refused for ${caller}`, async () => {
          const before = await snapshotOf(world.db, [evaluations, spotChecks]);
          const result = await world.run(row.op, sessionOf(world, caller), await row.input());
          expect(result).toMatchObject({ ok: false, code: caller === 'anonymous' ? 'unauthenticated' : 'forbidden' });
          expect(await snapshotOf(world.db, [evaluations, spotChecks])).toBe(before);
        });
      it('is allowed for finance', async () => {
        expect(await world.run(row.op, world.actors.finance, await row.input())).toMatchObject({ ok: true });
      });
    });
  }
});
