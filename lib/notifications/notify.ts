import 'server-only';
import type { Db } from '@/db';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import {
  activeUsersWithRole,
  insertNotifications,
  notificationEmails,
  type NewNotification,
} from '@/db/queries/notifications';
import type { SessionUser } from '@/lib/auth/scope';
import { stepNotices, type StepFacts } from './audiences';
import { mailSettings } from './mail-config';

/**
 * Stores notices (inside the caller's transaction), each with its e-mail copy waiting to go out when
 * mail is configured and the recipient gave an address; the number stored (a repeated dedupe key is
 * skipped). The mail itself leaves after the commit (dispatchMail).
 */
export async function notify(tx: Db, rows: NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const emails = mailSettings() ? await notificationEmails(tx, { userIds: rows.map((r) => r.userId) }) : new Map();
  const ids = await insertNotifications(tx, {
    rows: rows.map((r) => ({ ...r, mailState: emails.has(r.userId) ? 'pending' : null })),
  });
  return ids.length;
}

/** The notices of a workflow step, to everyone they concern but the person who took it. */
export async function notifyStep(
  tx: Db,
  { bundle, actor, facts }: { bundle: EvaluationBundle; actor: SessionUser; facts: StepFacts },
): Promise<number> {
  const { project } = bundle;
  const rows: NewNotification[] = [];
  for (const notice of stepNotices(facts)) {
    const recipients =
      'owner' in notice.audience
        ? project.ownerId === null
          ? []
          : [project.ownerId]
        : await activeUsersWithRole(tx, {
            role: notice.audience.role,
            departmentId: notice.audience.role === 'dept_head' ? project.departmentId : undefined,
          });
    for (const userId of recipients) {
      if (userId === actor.id || rows.some((r) => r.userId === userId)) continue;
      rows.push({ userId, kind: notice.kind, evaluationId: bundle.evaluation.id, message: notice.message });
    }
  }
  return notify(tx, rows);
}
