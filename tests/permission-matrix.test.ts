import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/scope';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { approveOperation, finalizeOperation, returnOperation, submitOperation } from '@/lib/evaluations/transitions';
import type { Operation } from '@/lib/operations';
import { completeDraft, createWorld, type World } from './world';
import type { z } from 'zod';

/**
 * Every server action × every kind of caller. Each operation is tried on an evaluation that is in
 * exactly the state where the rules allow it; every caller but the allowed one must be refused
 * (with the code asserted and the evaluation left untouched), then the allowed one succeeds.
 */
let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.cleanup());

type Actor = keyof World['actors'] | 'anonymous';
const ACTORS: Actor[] = ['anonymous', 'owner1', 'owner2', 'otherowner', 'head', 'otherhead', 'finance', 'admin'];

/** owner1's projects, one per row of the matrix so that the rows do not disturb each other. */
const PROJECTS = [
  '队伍装备基础设施建设专项经费',
  '综合减灾和物资保障（预案管理）年度专项经费',
  '安全生产基础工作专项经费',
  '法律顾问与审批服务经费',
  '执法检查事故调查处理经费',
  '三防专项经费',
  '应急专项经费',
];

async function bringTo(id: number, status: 'draft' | 'filled draft' | 'submitted' | 'dept_approved') {
  const { owner1, head } = world.actors;
  if (status === 'draft') return;
  expect((await world.run(saveDraftOperation, owner1, await completeDraft(world, id))).ok).toBe(true);
  if (status === 'filled draft') return;
  expect(
    (
      await world.run(submitOperation, owner1, {
        evaluationId: id,
        version: (await world.bundle(id)).evaluation.version,
      })
    ).ok,
  ).toBe(true);
  if (status === 'dept_approved')
    expect(
      (
        await world.run(approveOperation, head, {
          evaluationId: id,
          version: (await world.bundle(id)).evaluation.version,
          comment: '',
        })
      ).ok,
    ).toBe(true);
}

interface Row {
  name: string;
  op: Operation<z.ZodType, unknown>;
  state: 'draft' | 'filled draft' | 'submitted' | 'dept_approved';
  allowed: Actor;
  /** Callers whose role may do this in another state: refused for the state, not the role. */
  wrongState?: Actor[];
  input: (id: number) => Promise<unknown>;
}

const version = async (id: number) => (await world.bundle(id)).evaluation.version;
const ROWS: Row[] = [
  {
    name: 'saveDraft',
    op: saveDraftOperation as Operation<z.ZodType, unknown>,
    state: 'draft',
    allowed: 'owner1',
    input: async (id) => await completeDraft(world, id),
  },
  {
    name: 'submit',
    op: submitOperation as Operation<z.ZodType, unknown>,
    state: 'filled draft',
    allowed: 'owner1',
    input: async (id) => ({ evaluationId: id, version: await version(id) }),
  },
  {
    name: 'approve',
    op: approveOperation as Operation<z.ZodType, unknown>,
    state: 'submitted',
    allowed: 'head',
    input: async (id) => ({ evaluationId: id, version: await version(id), comment: '同意' }),
  },
  {
    name: 'return (head, 已提交)',
    op: returnOperation as Operation<z.ZodType, unknown>,
    state: 'submitted',
    allowed: 'head',
    wrongState: ['finance'],
    input: async (id) => ({ evaluationId: id, version: await version(id), comment: '请补充' }),
  },
  {
    name: 'return (finance, 部门已审核)',
    op: returnOperation as Operation<z.ZodType, unknown>,
    state: 'dept_approved',
    allowed: 'finance',
    wrongState: ['head'],
    input: async (id) => ({ evaluationId: id, version: await version(id), comment: '请补充' }),
  },
  {
    name: 'reviewScores',
    op: reviewScoresOperation as Operation<z.ZodType, unknown>,
    state: 'dept_approved',
    allowed: 'finance',
    input: async (id) => ({
      evaluationId: id,
      version: await version(id),
      indicators: (await world.bundle(id)).indicators.map((ind, i) => ({
        indicatorId: ind.id,
        score: i === 0 ? '1' : '',
        reason: i === 0 ? '复核' : '',
      })),
      budget: { score: '', reason: '' },
    }),
  },
  {
    name: 'finalize',
    op: finalizeOperation as Operation<z.ZodType, unknown>,
    state: 'dept_approved',
    allowed: 'finance',
    input: async (id) => ({ evaluationId: id, version: await version(id), comment: '' }),
  },
];

describe('server action permission matrix', () => {
  ROWS.forEach((row, r) => {
    describe(`${row.name} (at ${row.state})`, () => {
      let id: number;
      beforeAll(async () => {
        id = await world.evaluationOf(PROJECTS[r]);
        await bringTo(id, row.state);
      });

      for (const actor of ACTORS.filter((a) => a !== row.allowed)) {
        it(`is refused for ${actor}`, async () => {
          const before = (await world.bundle(id)).evaluation;
          const user: SessionUser | null = actor === 'anonymous' ? null : world.actors[actor];
          const result = await world.run(row.op, user, await row.input(id));
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
