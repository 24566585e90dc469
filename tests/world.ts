import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { loadEvaluationBundle } from '@/db/queries/evaluations';
import { findUserByUsername } from '@/db/queries/users';
import { projects } from '@/db/schema';
import { toSessionUser, type SessionUser } from '@/lib/auth/scope';
import { entryFieldsFromActual } from '@/lib/evaluations/engine-input';
import type { EvaluationDraft, ReviewInput } from '@/lib/evaluations/form-schema';
import { draftFormValues, reviewFormValues } from '@/lib/evaluations/form-values';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { approveOperation, finalizeOperation, submitOperation } from '@/lib/evaluations/transitions';
import { fenToWanYuan } from '@/lib/money';
import { runOperation, type ActionState, type Operation } from '@/lib/operations';
import { seedDemo, seedOtherDepartment } from '@/lib/seed';
import type { ParsedTarget } from '@/lib/targets/types';
import { firstEvaluationId } from './first-evaluation';
import { tempDatabase } from './helpers';
import type { z } from 'zod';

export const WORKED_EXAMPLE = '安全生产基础工作专项经费';

/** A seeded database plus a second department with its own head and owner, for scope checks. */
export async function createWorld() {
  const temp = await tempDatabase();
  const { db } = temp;
  await seedDemo(db);
  await seedOtherDepartment(db);
  const actor = async (username: string) => toSessionUser((await findUserByUsername(db, { username }))!);
  const actors = {
    owner1: await actor('owner1'),
    owner2: await actor('owner2'),
    head: await actor('head'),
    otherhead: await actor('otherhead'),
    otherowner: await actor('otherowner'),
    finance: await actor('finance'),
    admin: await actor('admin'),
  };

  const evaluationOf = (projectName: string) => firstEvaluationId(db, eq(projects.name, projectName));
  const bundle = async (evaluationId: number) => (await loadEvaluationBundle(db, { evaluationId }))!;
  const run = <S extends z.ZodType, T>(
    op: Operation<S, T>,
    user: Parameters<typeof runOperation>[1],
    input: unknown,
  ): Promise<ActionState<T>> => runOperation(op, user, input, db);

  return { ...temp, actors, evaluationOf, bundle, run };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** Everyone who may call an operation: nobody signed in, each demo account, the other department's people. */
export type Caller = keyof World['actors'] | 'anonymous';
export const CALLERS: Caller[] = [
  'anonymous',
  'owner1',
  'owner2',
  'otherowner',
  'head',
  'otherhead',
  'finance',
  'admin',
];
export const sessionOf = (world: World, caller: Caller): SessionUser | null =>
  caller === 'anonymous' ? null : world.actors[caller];

/**
 * The world of a test file: created before its tests (before each one with `each`) and removed
 * after. The object is filled in when the hook runs, so the tests read it as a plain value.
 */
export function testWorld({ each = false }: { each?: boolean } = {}): World {
  const world = {} as World;
  (each ? beforeEach : beforeAll)(async () => {
    Object.assign(world, await createWorld());
  });
  (each ? afterEach : afterAll)(() => world.cleanup());
  return world;
}

function metActual(target: ParsedTarget) {
  if (target.kind === 'qualitative') return { tier: '达成' };
  if (target.kind === 'compound') return target.parts.map((p) => p.value);
  return target.value;
}

/** A complete draft of an evaluation, as the form starts it: every target met exactly, the budget fully spent. */
export async function completeDraft(world: World, evaluationId: number): Promise<EvaluationDraft> {
  const b = await world.bundle(evaluationId);
  const draft = draftFormValues(b);
  return {
    ...draft,
    budgetAdjusted: '',
    budgetExecuted: fenToWanYuan(b.project.budgetTotalFen).toFixed(),
    budgetExplanation: '',
    goalActual: '全年目标均已完成。',
    indicators: b.indicators.map((ind, i) => ({
      ...draft.indicators[i],
      ...entryFieldsFromActual(ind.parsedTarget, metActual(ind.parsedTarget)),
      explanation: '',
      deduction: { enabled: false, score: '', reason: '' },
    })),
  };
}

/** Finance's review as the form starts it, with some rows reviewed (`{ 0: ['12', '佐证材料不足'] }`) and the budget line. */
export async function reviewDraft(
  world: World,
  evaluationId: number,
  rows: Record<number, [score: string, reason: string]>,
  [score, reason]: [string, string] = ['', ''],
): Promise<ReviewInput> {
  const review = reviewFormValues(await world.bundle(evaluationId));
  for (const [i, [rowScore, rowReason]] of Object.entries(rows))
    review.indicators[Number(i)] = { ...review.indicators[Number(i)], score: rowScore, reason: rowReason };
  return { ...review, budget: { score, reason } };
}

/** The stages an evaluation is brought to for a test, each by the steps the workflow allows. */
export type Stage = 'draft' | 'filled draft' | 'submitted' | 'dept_approved' | 'finalized';

/** Brings a draft (or one already at `from`) to the stage: saved complete, submitted, approved, finalised. */
export async function bringTo(world: World, evaluationId: number, stage: Stage, { from = 'draft' as Stage } = {}) {
  const { head, finance } = world.actors;
  const ownerId = (await world.bundle(evaluationId)).project.ownerId;
  const owner = Object.values(world.actors).find((a) => a.id === ownerId)!;
  const step = async () => ({
    evaluationId,
    version: (await world.bundle(evaluationId)).evaluation.version,
    comment: '',
  });
  const steps: Array<[Stage, () => Promise<ActionState<unknown>>]> = [
    ['filled draft', async () => world.run(saveDraftOperation, owner, await completeDraft(world, evaluationId))],
    ['submitted', async () => world.run(submitOperation, owner, await step())],
    ['dept_approved', async () => world.run(approveOperation, head, await step())],
    ['finalized', async () => world.run(finalizeOperation, finance, await step())],
  ];
  const order: Stage[] = ['draft', ...steps.map(([s]) => s)];
  for (const [reached, take] of steps) {
    if (order.indexOf(reached) <= order.indexOf(from) || order.indexOf(reached) > order.indexOf(stage)) continue;
    const result = await take();
    if (!result.ok) throw new Error(`bringing evaluation ${evaluationId} to ${reached}: ${result.message}`);
  }
}
