import 'server-only';
import { z } from 'zod';
import { transaction } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { markNotificationsRead, setNotificationEmail } from '@/db/queries/notifications';
import { ROLES } from '@/db/schema';
import { loadEvaluationInScope, workflowScope } from '@/lib/evaluations/authorize';
import { defineOperation, fail, ok } from '@/lib/operations';
import { decide, rolesFor } from '@/lib/workflow/state-machine';
import { scheduleMailDispatch } from './mail';
import { notify } from './notify';
import { notificationEmailSchema } from './schemas';

/** Beijing's calendar day: one 催办 per evaluation and day reaches the owner, however often it is clicked. */
const beijingDay = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * 催办: the head or finance reminds the owner of a draft (or a returned one) still to be submitted.
 * It changes nothing of the evaluation (no version: the owner's open form stays valid); the notice
 * and the audit entry are written together.
 */
export const remindOperation = defineOperation({
  name: 'remind',
  schema: z.object({ evaluationId: z.number().int().positive() }),
  roles: rolesFor('remind'),
  async run({ evaluationId }, { db, user }) {
    const found = await loadEvaluationInScope(db, user, evaluationId);
    if (!found.ok) return found;
    const { bundle } = found;
    const decision = decide(user, workflowScope(bundle), 'remind');
    if (!decision.allowed) return fail(decision.code, decision.reason);
    const ownerId = bundle.project.ownerId;
    if (ownerId === null) return fail('state', '该项目尚未指定项目负责人，无法催办');
    const now = new Date();
    const sent = await transaction(db, async (tx) => {
      const count = await notify(tx, [
        {
          userId: ownerId,
          kind: 'reminded',
          evaluationId,
          message: `${user.displayName}催办：请尽快填写并提交「${bundle.project.name}」的绩效自评`,
          dedupeKey: `remind:${evaluationId}:${beijingDay(now)}`,
        },
      ]);
      if (count > 0)
        await insertAuditEntries(tx, {
          actorId: user.id,
          evaluationId,
          action: 'remind',
          changes: [
            {
              entityType: 'evaluation',
              entityId: evaluationId,
              field: '催办',
              oldValue: '',
              newValue: bundle.ownerName ?? '',
            },
          ],
        });
      return count;
    });
    if (sent > 0) scheduleMailDispatch(db);
    return ok({ sent: sent > 0 }, sent > 0 ? `已催办 ${bundle.ownerName ?? ''}` : '今天已催办过，项目负责人已收到提醒');
  },
});

/** Marks some or all of one's own notices read. */
export const markReadOperation = defineOperation({
  name: 'mark_notifications_read',
  schema: z.object({ ids: z.union([z.literal('all'), z.array(z.number().int().positive()).max(500)]) }),
  roles: ROLES,
  async run({ ids }, { db, user }) {
    const marked = await transaction(db, (tx) => markNotificationsRead(tx, { userId: user.id, ids }));
    return ok({ marked });
  },
});

/** Where one's notices are copied by e-mail (when the server has SMTP_URL); empty turns it off. */
export const notificationEmailOperation = defineOperation({
  name: 'notification_email',
  schema: notificationEmailSchema,
  roles: ROLES,
  async run({ email }, { db, user }) {
    await transaction(db, (tx) => setNotificationEmail(tx, { userId: user.id, email: email === '' ? null : email }));
    return ok({ email }, email === '' ? '已关闭邮件通知' : `通知将同时发送到 ${email}`);
  },
});
