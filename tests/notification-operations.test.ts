import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, notifications } from '@/db/schema';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { submitOperation } from '@/lib/evaluations/transitions';
import { markReadOperation, notificationEmailOperation, remindOperation } from '@/lib/notifications/operations';
import { rowsOf } from './helpers';
import { completeDraft, testWorld } from './world';

const world = testWorld();

const reminders = (evaluationId: number) =>
  rowsOf(
    world.db,
    notifications,
    and(eq(notifications.evaluationId, evaluationId), eq(notifications.kind, 'reminded')),
  );

describe('催办', () => {
  // Who may remind (every kind of caller): tests/permission-matrix.test.ts.
  it('head and finance remind the owner of a draft once a day, audited, the version kept', async () => {
    const id = await world.evaluationOf('三防专项经费');
    const version = (await world.bundle(id)).evaluation.version;
    expect(await reminders(id)).toHaveLength(0);
    expect(await world.run(remindOperation, world.actors.head, { evaluationId: id })).toMatchObject({
      ok: true,
      data: { sent: true },
      message: '已催办 张伟',
    });
    // Once a day reaches the owner, however often (and by whoever) it is clicked; the version stays.
    expect(await world.run(remindOperation, world.actors.finance, { evaluationId: id })).toMatchObject({
      ok: true,
      data: { sent: false },
    });
    const sent = await reminders(id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ userId: world.actors.owner1.id });
    expect(sent[0].message).toContain('三防专项经费');
    expect((await world.bundle(id)).evaluation.version).toBe(version);
    const audit = await rowsOf(world.db, auditLog, eq(auditLog.evaluationId, id));
    expect(audit.filter((a) => a.action === 'remind')).toHaveLength(1);
  });

  it('is refused once the owner has submitted', async () => {
    const id = await world.evaluationOf('应急专项经费');
    const { owner1 } = world.actors;
    expect((await world.run(saveDraftOperation, owner1, await completeDraft(world, id))).ok).toBe(true);
    const version = (await world.bundle(id)).evaluation.version;
    expect((await world.run(submitOperation, owner1, { evaluationId: id, version, comment: '' })).ok).toBe(true);
    expect(await world.run(remindOperation, world.actors.head, { evaluationId: id })).toMatchObject({
      ok: false,
      code: 'state',
    });
  });
});

describe('the inbox', () => {
  it('marks only one’s own notices read; anonymous callers are refused', async () => {
    const { owner1, head } = world.actors;
    const unread = async (userId: number) =>
      (await rowsOf(world.db, notifications, eq(notifications.userId, userId))).filter((n) => n.readAt === null);
    expect((await unread(owner1.id)).length).toBeGreaterThan(0);
    expect(await world.run(markReadOperation, null, { ids: 'all' })).toMatchObject({ code: 'unauthenticated' });
    const ids = (await unread(owner1.id)).map((n) => n.id);
    expect(await world.run(markReadOperation, head, { ids })).toMatchObject({ ok: true, data: { marked: 0 } });
    expect(await world.run(markReadOperation, owner1, { ids: 'all' })).toMatchObject({
      ok: true,
      data: { marked: ids.length },
    });
    expect(await unread(owner1.id)).toHaveLength(0);
  });

  it('keeps the e-mail address each caller gives for themselves, refusing a wrong one', async () => {
    expect(await world.run(notificationEmailOperation, null, { email: 'a@b.cn' })).toMatchObject({
      code: 'unauthenticated',
    });
    expect(await world.run(notificationEmailOperation, world.actors.owner1, { email: 'zhangwei' })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { email: expect.stringContaining('有效的邮箱地址') },
    });
    expect(
      await world.run(notificationEmailOperation, world.actors.owner1, { email: ' zw@example.gov.cn ' }),
    ).toMatchObject({ ok: true, data: { email: 'zw@example.gov.cn' } });
  });
});
