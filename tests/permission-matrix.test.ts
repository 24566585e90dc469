import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluations, notifications, notificationSettings, projects } from '@/db/schema';
import { batchTransitionOperation } from '@/lib/evaluations/batch';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { TRANSITION_OPERATIONS as STEPS } from '@/lib/evaluations/transitions';
import { markReadOperation, notificationEmailOperation, remindOperation } from '@/lib/notifications/operations';
import type { Operation } from '@/lib/operations';
import { importExecutionOperation } from '@/lib/treasury/operations';
import { rowsOf, snapshotOf } from './helpers';
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
 * (with the code asserted and the evaluation left untouched), then the allowed one succeeds. Below
 * the evaluation steps: the batch (each of its steps), 催办 and the inbox. Finance's year-wide
 * operations (the treasury file import, the spot-check sample) have their matrix in
 * finance-operations-matrix.test.ts; the write API's routes theirs in e2e/write-api.spec.ts.
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

/** owner2's projects that no row above uses, one per evaluation the operations below act on. */
async function spareEvaluations(count: number): Promise<number[]> {
  const spare = (await rowsOf(world.db, projects, eq(projects.ownerId, world.actors.owner2.id))).filter(
    (p) => !PROJECTS.includes(p.name),
  );
  expect(spare.length).toBeGreaterThanOrEqual(count);
  return Promise.all(spare.slice(0, count).map((p) => world.evaluationOf(p.name)));
}

/** A batch step: where the evaluation must be, whose turn it is, and the code each other caller's item gets. */
const BATCH: Array<{ action: 'approve' | 'return' | 'finalize'; state: Stage; allowed: Actor; wrongState?: Actor }> = [
  { action: 'approve', state: 'submitted', allowed: 'head' },
  { action: 'return', state: 'dept_approved', allowed: 'finance', wrongState: 'head' },
  { action: 'finalize', state: 'dept_approved', allowed: 'finance' },
];

describe('the batch × every caller, for each of its steps', () => {
  BATCH.forEach(({ action, state, allowed, wrongState }, b) => {
    it(`batch ${action} (at ${state}): only ${allowed}'s item goes through; every other one is refused on its own`, async () => {
      const [id] = (await spareEvaluations(BATCH.length)).slice(b);
      await bringTo(world, id, state);
      const input = async () => ({
        action,
        comment: '批量处理',
        evaluations: [{ id, version: (await world.bundle(id)).evaluation.version }],
      });
      for (const actor of CALLERS.filter((a) => a !== allowed)) {
        const before = (await world.bundle(id)).evaluation;
        const result = await world.run(batchTransitionOperation, sessionOf(world, actor), await input());
        const code = actor === wrongState ? 'state' : 'forbidden';
        if (actor === 'anonymous') expect(result).toMatchObject({ ok: false, code: 'unauthenticated' });
        else expect(result, actor).toMatchObject({ ok: true, data: { results: [{ id, ok: false, code }] } });
        expect((await world.bundle(id)).evaluation).toEqual(before);
      }
      const result = await world.run(batchTransitionOperation, world.actors[allowed as 'head'], await input());
      expect(result).toMatchObject({ ok: true, data: { results: [{ id, ok: true }] } });
    });
  });
});

describe('催办 and the inbox × every caller', () => {
  it('催办 a draft: head and finance only (the other department’s head is out of scope), nothing written on a refusal', async () => {
    const [, , , id] = await spareEvaluations(BATCH.length + 1);
    for (const actor of CALLERS.filter((a) => a !== 'head' && a !== 'finance')) {
      const before = await snapshotOf(world.db, [evaluations, notifications]);
      const result = await world.run(remindOperation, sessionOf(world, actor), { evaluationId: id });
      expect(result, actor).toMatchObject({ ok: false, code: actor === 'anonymous' ? 'unauthenticated' : 'forbidden' });
      expect(await snapshotOf(world.db, [evaluations, notifications])).toBe(before);
    }
    for (const actor of ['head', 'finance'] as const)
      expect(await world.run(remindOperation, world.actors[actor], { evaluationId: id })).toMatchObject({ ok: true });
  });

  it('the inbox: anonymous is refused; everyone else marks and sets only their own', async () => {
    const owner1Unread = async () =>
      (await rowsOf(world.db, notifications, eq(notifications.userId, world.actors.owner1.id))).filter(
        (n) => n.readAt === null,
      );
    const ids = (await owner1Unread()).map((n) => n.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const actor of CALLERS.filter((a) => a !== 'owner1')) {
      const before = await snapshotOf(world.db, [notifications]);
      const marked = await world.run(markReadOperation, sessionOf(world, actor), { ids });
      const email = await world.run(notificationEmailOperation, sessionOf(world, actor), { email: `${actor}@x.cn` });
      if (actor === 'anonymous') {
        expect(marked).toMatchObject({ ok: false, code: 'unauthenticated' });
        expect(email).toMatchObject({ ok: false, code: 'unauthenticated' });
      } else {
        expect(marked, actor).toMatchObject({ ok: true, data: { marked: 0 } });
        expect(email, actor).toMatchObject({ ok: true });
      }
      expect(await snapshotOf(world.db, [notifications]), actor).toBe(before);
    }
    expect(await world.run(markReadOperation, world.actors.owner1, { ids })).toMatchObject({
      ok: true,
      data: { marked: ids.length },
    });
    expect(await owner1Unread()).toHaveLength(0);
    // Each address set above is its caller's own; owner1's stays unset.
    const emails = new Map((await rowsOf(world.db, notificationSettings)).map((s) => [s.userId, s.email]));
    for (const actor of CALLERS.filter((a) => a !== 'anonymous' && a !== 'owner1'))
      expect(emails.get(world.actors[actor as 'head'].id), actor).toBe(`${actor}@x.cn`);
    expect(emails.has(world.actors.owner1.id)).toBe(false);
  });
});
