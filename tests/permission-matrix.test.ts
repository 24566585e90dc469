import { beforeAll, describe, expect, it } from 'vitest';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { TRANSITION_OPERATIONS as STEPS } from '@/lib/evaluations/transitions';
import type { Operation } from '@/lib/operations';
import { importExecutionOperation } from '@/lib/treasury/operations';
import { OWNER1_PROJECTS } from './seed-facts';
import {
  bringTo,
  type Caller,
  CALLERS,
  completeDraft,
  reviewDraft,
  sessionOf,
  type Stage,
  testWorld,
  type World,
} from './world';
import type { z } from 'zod';

/**
 * Every server action × every kind of caller. Each operation is tried on an evaluation that is in
 * exactly the state where the rules allow it; every caller but the allowed one must be refused
 * (with the code asserted and the evaluation left untouched), then the allowed one succeeds.
 */
const world = testWorld();

type Actor = Caller;

/** Projects (owner1's, then owner2's), one per row of the matrix so that the rows do not disturb each other. */
const PROJECTS = [
  ...OWNER1_PROJECTS.filter((name) => !name.startsWith('智慧白云')),
  ...OWNER1_PROJECTS.filter((name) => name.startsWith('智慧白云')),
  '政府雇员公用经费',
  '政府雇员工资经费',
];

/** The input of a workflow step from the evaluation's current version. */
const step =
  (comment = '') =>
  async (id: number) => ({ evaluationId: id, version: (await world.bundle(id)).evaluation.version, comment });

interface Row {
  name: string;
  op: Operation<z.ZodType, unknown>;
  state: Stage;
  allowed: Actor;
  /** Callers who may do it as well (an administrator reopens too): not refused, not tried here. */
  alsoAllowed?: Actor[];
  /** Callers whose role may do this in another state: refused for the state, not the role. */
  wrongState?: Actor[];
  input: (id: number) => Promise<unknown>;
}

const row = <S extends z.ZodType, T>(
  name: string,
  op: Operation<S, T>,
  [state, allowed, wrongState, alsoAllowed]: [Row['state'], Actor, Actor?, Actor?],
  input: Row['input'],
): Row => ({
  name,
  op: op as Operation<z.ZodType, unknown>,
  state,
  allowed,
  wrongState: wrongState && [wrongState],
  alsoAllowed: alsoAllowed && [alsoAllowed],
  input,
});

const ROWS: Row[] = [
  row('saveDraft', saveDraftOperation, ['draft', 'owner1'], (id) => completeDraft(world, id)),
  row('submit', STEPS.submit, ['filled draft', 'owner1'], step()),
  row('approve', STEPS.approve, ['submitted', 'head'], step('同意')),
  row('return (head, 已提交)', STEPS.return, ['submitted', 'head', 'finance'], step('请补充')),
  row('return (finance, 部门已审核)', STEPS.return, ['dept_approved', 'finance', 'head'], step('请补充')),
  row('reviewScores', reviewScoresOperation, ['dept_approved', 'finance'], (id) =>
    reviewDraft(world, id, { 0: ['1', '复核'] }),
  ),
  row('finalize', STEPS.finalize, ['dept_approved', 'finance'], step()),
  row('withdraw', STEPS.withdraw, ['submitted', 'owner1'], step()),
  row('reopen (撤销定稿)', STEPS.reopen, ['finalized', 'finance', undefined, 'admin'], step('复核有误')),
  row('reassess (退回重新评价)', STEPS.reassess, ['finalized', 'finance', undefined, 'admin'], step('重新评价')),
  row('importExecution (导入执行数)', importExecutionOperation, ['draft', 'finance'], async (id) => ({
    evaluationId: id,
    version: (await world.bundle(id)).evaluation.version,
    amountFen: 1_234_567,
  })),
];

describe('server action permission matrix', () => {
  ROWS.forEach((row, r) => {
    describe(`${row.name} (at ${row.state})`, () => {
      let id: number;
      beforeAll(async () => {
        id = await world.evaluationOf(PROJECTS[r]);
        await bringTo(world, id, row.state);
      });

      for (const actor of CALLERS.filter((a) => a !== row.allowed && !row.alsoAllowed?.includes(a))) {
        it(`is refused for ${actor}`, async () => {
          const before = (await world.bundle(id)).evaluation;
          const result = await world.run(row.op, sessionOf(world, actor), await row.input(id));
          expect(result.ok).toBe(false);
          const expected =
            actor === 'anonymous' ? 'unauthenticated' : row.wrongState?.includes(actor) ? 'state' : 'forbidden';
          if (!result.ok) expect(result.code).toBe(expected);
          expect((await world.bundle(id)).evaluation).toEqual(before);
        });
      }

      it(`is allowed for ${row.allowed}`, async () => {
        const result = await world.run(row.op, world.actors[row.allowed as keyof World['actors']], await row.input(id));
        expect(result).toMatchObject({ ok: true });
        expect((await world.bundle(id)).evaluation.version).toBeGreaterThan(1);
      });

      it('is refused again for the same caller in the wrong state or with a stale version', async () => {
        const stale = { ...((await row.input(id)) as object), version: 1 };
        const result = await world.run(row.op, world.actors[row.allowed as keyof World['actors']], stale);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['state', 'conflict']).toContain(result.code);
      });
    });
  });
});
