import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activeDialect } from '@/db/dialect';
import { listReviewActions } from '@/db/queries/evaluations';
import { auditLog, evaluations, notifications, reviewActions } from '@/db/schema';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import {
  approveOperation,
  finalizeOperation,
  reassessOperation,
  reopenOperation,
  returnOperation,
  submitOperation,
  withdrawOperation,
} from '@/lib/evaluations/transitions';
import { expectFiguresFresh } from './figures-check';
import { arrange, ROOT, rowsOf } from './helpers';
import { completeDraft, reviewDraft, testWorld, WORKED_EXAMPLE, type World } from './world';

const world = testWorld({ each: true });

const step = async (id: number, comment = '') => ({
  evaluationId: id,
  version: (await world.bundle(id)).evaluation.version,
  comment,
});

/** Brings the worked example to 部门已审核 (or 已提交 with `until`) through the real operations. */
async function approvedEvaluation(w: World, until: 'submitted' | 'dept_approved' = 'dept_approved') {
  const id = await w.evaluationOf(WORKED_EXAMPLE);
  const { owner1, head } = w.actors;
  expect((await w.run(saveDraftOperation, owner1, await completeDraft(w, id))).ok).toBe(true);
  expect((await w.run(submitOperation, owner1, await step(id))).ok).toBe(true);
  if (until === 'dept_approved') expect((await w.run(approveOperation, head, await step(id))).ok).toBe(true);
  return id;
}

const noticesOf = (userId: number) => rowsOf(world.db, notifications, eq(notifications.userId, userId));

describe('定稿 with the reviewed scores still on the page', () => {
  it('writes the scores and the step in one commit: one version, both audited', async () => {
    const id = await approvedEvaluation(world);
    const review = await reviewDraft(world, id, { 0: ['12', '佐证材料不足'] });
    const before = (await world.bundle(id)).evaluation.version;
    const done = await world.run(finalizeOperation, world.actors.finance, {
      ...(await step(id)),
      review: { indicators: review.indicators, budget: review.budget },
    });
    expect(done).toMatchObject({ ok: true, data: { status: 'finalized', version: before + 1 } });
    const after = await world.bundle(id);
    expect(after.evaluation).toMatchObject({ status: 'finalized', finalScore: '97', version: before + 1 });
    expect(after.results.get(after.indicators[0].id)).toMatchObject({
      reviewedScore: '12',
      reviewedReason: '佐证材料不足',
    });
    const audit = await rowsOf(world.db, auditLog, eq(auditLog.evaluationId, id));
    expect(audit.find((a) => a.action === 'review')).toMatchObject({ newValue: '12（佐证材料不足）' });
    expect(audit.filter((a) => a.action === 'transition').at(-1)).toMatchObject({ newValue: '已定稿' });
    await expectFiguresFresh(world.db);
  });

  it('refuses a wrong reviewed score field by field and writes nothing', async () => {
    const id = await approvedEvaluation(world);
    const review = await reviewDraft(world, id, { 0: ['15.01', '太高'] });
    const before = (await world.bundle(id)).evaluation;
    const refused = await world.run(finalizeOperation, world.actors.finance, {
      ...(await step(id)),
      review: { indicators: review.indicators, budget: review.budget },
    });
    expect(refused).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { 'indicators.0.score': expect.any(String) },
    });
    expect((await world.bundle(id)).evaluation).toEqual(before);
  });
});

describe('撤回, 撤销定稿 and 退回重新评价', () => {
  it('the owner withdraws until the head has acted', async () => {
    const id = await approvedEvaluation(world, 'submitted');
    const { owner1, head } = world.actors;
    expect(await world.run(withdrawOperation, owner1, await step(id))).toMatchObject({
      ok: true,
      data: { status: 'draft' },
    });
    expect((await world.bundle(id)).evaluation).toMatchObject({ status: 'draft', submittedAt: null });
    expect((await world.run(submitOperation, owner1, await step(id))).ok).toBe(true);
    expect((await world.run(approveOperation, head, await step(id))).ok).toBe(true);
    expect(await world.run(withdrawOperation, owner1, await step(id))).toMatchObject({
      ok: false,
      code: 'state',
      message: '当前状态为“部门已审核”，不能撤回',
    });
  });

  it('finance reopens a finalised evaluation with a required reason, keeping the reviewed scores', async () => {
    const id = await approvedEvaluation(world);
    const { finance, owner1, head } = world.actors;
    await world.run(reviewScoresOperation, finance, await reviewDraft(world, id, { 1: ['10', '依据不足'] }));
    expect((await world.run(finalizeOperation, finance, await step(id))).ok).toBe(true);
    expect(await world.run(reopenOperation, finance, await step(id, '  '))).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { comment: '请填写撤销定稿的原因' },
    });
    expect(await world.run(reopenOperation, finance, await step(id, '定稿时漏看了佐证材料'))).toMatchObject({
      ok: true,
      data: { status: 'dept_approved' },
    });
    const after = await world.bundle(id);
    expect(after.evaluation).toMatchObject({ status: 'dept_approved', finalizedAt: null });
    expect(after.results.get(after.indicators[1].id)?.reviewedScore).toBe('10');
    const timeline = await listReviewActions(world.db, { evaluationId: id });
    expect(timeline.at(-1)).toMatchObject({
      action: 'reopen',
      comment: '定稿时漏看了佐证材料',
      fromStatus: 'finalized',
    });
    const notices = [...(await noticesOf(owner1.id)), ...(await noticesOf(head.id))].filter(
      (n) => n.kind === 'reopened',
    );
    expect(notices.map((n) => n.userId)).toEqual([owner1.id]);
    expect(notices[0].message).toContain('定稿时漏看了佐证材料');
    await expectFiguresFresh(world.db);
  });

  it('an administrator sends a finalised evaluation back to its owner: review cleared, 已退回', async () => {
    const id = await approvedEvaluation(world);
    const { finance, admin, head } = world.actors;
    await world.run(reviewScoresOperation, finance, await reviewDraft(world, id, { 1: ['10', '依据不足'] }));
    expect((await world.run(finalizeOperation, finance, await step(id))).ok).toBe(true);
    expect(await world.run(reassessOperation, head, await step(id, '重评'))).toMatchObject({ code: 'forbidden' });
    expect(await world.run(reassessOperation, admin, await step(id, '目标值录入有误，请重新评价'))).toMatchObject({
      ok: true,
      data: { status: 'returned' },
    });
    const after = await world.bundle(id);
    expect(after.evaluation.status).toBe('returned');
    expect([...after.results.values()].every((r) => r.reviewedScore === null)).toBe(true);
    const transitions = await rowsOf(
      world.db,
      auditLog,
      and(eq(auditLog.evaluationId, id), eq(auditLog.action, 'transition')),
    );
    expect(transitions.at(-1)).toMatchObject({ oldValue: '已定稿', newValue: '已退回' });
    await expectFiguresFresh(world.db);
  });
});

describe('notices of the workflow steps', () => {
  it('the head hears of a submission, the owner of a return with its comment, finance of an approval', async () => {
    const id = await approvedEvaluation(world, 'submitted');
    const { owner1, head, finance, otherhead } = world.actors;
    expect((await noticesOf(head.id)).map((n) => [n.kind, n.evaluationId])).toEqual([['queue', id]]);
    expect(await noticesOf(otherhead.id)).toEqual([]);
    expect(await noticesOf(owner1.id)).toEqual([]);

    expect((await world.run(returnOperation, head, await step(id, '请补充佐证材料'))).ok).toBe(true);
    const returned = (await noticesOf(owner1.id)).at(-1);
    expect(returned).toMatchObject({ kind: 'returned', evaluationId: id, readAt: null, mailState: null });
    expect(returned?.message).toBe(`「${WORKED_EXAMPLE}」已被林志强（部门负责人）退回：请补充佐证材料`);

    expect((await world.run(submitOperation, owner1, await step(id))).ok).toBe(true);
    expect((await world.run(approveOperation, head, await step(id))).ok).toBe(true);
    expect((await noticesOf(owner1.id)).map((n) => n.kind)).toEqual(['returned', 'approved']);
    expect((await noticesOf(finance.id)).map((n) => n.kind)).toEqual(['queue']);
    // Whoever takes the step is not told of it.
    expect((await noticesOf(head.id)).map((n) => n.kind)).toEqual(['queue', 'queue']);
  });
});

describe('the data step of the 已退回 status', () => {
  // The data step of a SQLite migration (a PostgreSQL database starts at the current schema).
  it.skipIf(activeDialect() === 'pg')(
    'a draft whose latest workflow step is a return becomes 已退回; other drafts stay',
    async () => {
      const returned = await approvedEvaluation(world, 'submitted');
      expect((await world.run(returnOperation, world.actors.head, await step(returned, '补充'))).ok).toBe(true);
      const withdrawn = await world.evaluationOf('三防专项经费');
      await world.run(saveDraftOperation, world.actors.owner1, await completeDraft(world, withdrawn));
      await world.run(submitOperation, world.actors.owner1, await step(withdrawn));
      await world.run(withdrawOperation, world.actors.owner1, await step(withdrawn));
      // As the first edition stored them: a return went back to 草稿.
      await arrange(world.db, (tx) =>
        tx.update(evaluations).set({ status: 'draft' }).where(eq(evaluations.id, returned)),
      );
      const client = new Database(path.join(world.dir, 'jixiao.sqlite'));
      const migrations = path.join(ROOT, 'db', 'migrations');
      const dataStep = readdirSync(migrations).find((f) => f.endsWith('_returned_status_data.sql'))!;
      client.exec(readFileSync(path.join(migrations, dataStep), 'utf8'));
      client.close();
      const statuses = await rowsOf(world.db, evaluations);
      expect(statuses.find((e) => e.id === returned)?.status).toBe('returned');
      expect(statuses.find((e) => e.id === withdrawn)?.status).toBe('draft');
      expect(statuses.filter((e) => e.status === 'returned')).toHaveLength(1);
      expect(await rowsOf(world.db, reviewActions, eq(reviewActions.evaluationId, withdrawn))).toHaveLength(2);
    },
  );
});
