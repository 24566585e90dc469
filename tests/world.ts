import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { loadEvaluationBundle } from '@/db/queries/evaluations';
import { departments, evaluations, projects, users, type Role } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { hashPasswordSync } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/scope';
import { entryFieldsFromActual } from '@/lib/evaluations/engine-input';
import type { EvaluationDraft } from '@/lib/evaluations/form-schema';
import { fenToWanYuan } from '@/lib/money';
import { runOperation, type ActionState, type Operation } from '@/lib/operations';
import type { ParsedTarget } from '@/lib/targets/types';
import { tempDatabase } from './helpers';
import type { z } from 'zod';

export const WORKED_EXAMPLE = '安全生产基础工作专项经费';

function sessionUser(db: Db, username: string): SessionUser {
  const u = db.select().from(users).where(eq(users.username, username)).get()!;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    departmentId: u.departmentId,
    mustChangePassword: u.mustChangePassword,
  };
}

/** A seeded database plus a second department with its own head and owner, for scope checks. */
export function createWorld() {
  const temp = tempDatabase();
  const { db } = temp;
  seedDemo(db);
  const other = db.insert(departments).values({ name: '白云区水务局' }).returning().get();
  const add = (username: string, role: Role) =>
    db
      .insert(users)
      .values({
        username,
        displayName: username,
        role,
        departmentId: other.id,
        passwordHash: hashPasswordSync('demo1234'),
      })
      .run();
  add('otherhead', 'dept_head');
  add('otherowner', 'owner');
  const actors = {
    owner1: sessionUser(db, 'owner1'),
    owner2: sessionUser(db, 'owner2'),
    head: sessionUser(db, 'head'),
    otherhead: sessionUser(db, 'otherhead'),
    otherowner: sessionUser(db, 'otherowner'),
    finance: sessionUser(db, 'finance'),
    admin: sessionUser(db, 'admin'),
  };

  const evaluationOf = (projectName: string) =>
    db
      .select({ id: evaluations.id })
      .from(evaluations)
      .innerJoin(projects, eq(projects.id, evaluations.projectId))
      .where(eq(projects.name, projectName))
      .get()!.id;
  const bundle = (evaluationId: number) => loadEvaluationBundle(db, { evaluationId })!;
  const run = <S extends z.ZodType, T>(
    op: Operation<S, T>,
    actor: SessionUser | null,
    input: unknown,
  ): Promise<ActionState<T>> => runOperation(op, actor, input, db);

  return { ...temp, actors, evaluationOf, bundle, run };
}

export type World = ReturnType<typeof createWorld>;

function metActual(target: ParsedTarget) {
  if (target.kind === 'qualitative') return { tier: '达成' };
  if (target.kind === 'compound') return target.parts.map((p) => p.value);
  return target.value;
}

/** A complete draft of an evaluation: every target met exactly, the budget fully spent. */
export function completeDraft(world: World, evaluationId: number): EvaluationDraft {
  const b = world.bundle(evaluationId);
  return {
    evaluationId,
    version: b.evaluation.version,
    budgetAdjusted: '',
    budgetExecuted: fenToWanYuan(b.project.budgetTotalFen).toFixed(),
    budgetExplanation: '',
    goalActual: '全年目标均已完成。',
    indicators: b.indicators.map((ind) => ({
      indicatorId: ind.id,
      ...entryFieldsFromActual(ind.parsedTarget, metActual(ind.parsedTarget)),
      explanation: '',
      deduction: { enabled: false, score: '', reason: '' },
    })),
  };
}
