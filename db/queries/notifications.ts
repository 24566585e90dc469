import 'server-only';
import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { firstRow } from '../rows';
import {
  evaluations,
  notifications,
  notificationSettings,
  projects,
  users,
  type EvaluationStatus,
  type NotificationKind,
  type Role,
} from '../schema';
import { JOIN } from './joins';
import type { Db } from '../sqlite';

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  evaluationId: number | null;
  message: string;
  dedupeKey?: string | null;
}

/** The active users of a role, in one department or everywhere. */
export async function activeUsersWithRole(
  db: Db,
  { role, departmentId }: { role: Role; departmentId?: number },
): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.role, role),
        eq(users.active, true),
        departmentId === undefined ? undefined : eq(users.departmentId, departmentId),
      ),
    );
  return rows.map((r) => r.id);
}

/** The e-mail addresses some users asked their notices to be copied to. */
export async function notificationEmails(db: Db, { userIds }: { userIds: number[] }): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: notificationSettings.userId, email: notificationSettings.email })
    .from(notificationSettings)
    .where(inArray(notificationSettings.userId, userIds));
  return new Map(rows.map((r) => [r.userId, r.email]));
}

export function findNotificationEmail(db: Db, { userId }: { userId: number }) {
  return firstRow(
    db
      .select({ email: notificationSettings.email })
      .from(notificationSettings)
      .where(eq(notificationSettings.userId, userId))
      .limit(1),
  );
}

export async function setNotificationEmail(tx: Db, { userId, email }: { userId: number; email: string | null }) {
  if (email === null) {
    await tx.delete(notificationSettings).where(eq(notificationSettings.userId, userId));
    return;
  }
  const updatedAt = new Date();
  await tx
    .insert(notificationSettings)
    .values({ userId, email, updatedAt })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { email, updatedAt } });
}

/** Inserts notices; one whose (user, dedupe key) exists is skipped. The ids of those inserted. */
export async function insertNotifications(
  tx: Db,
  { rows }: { rows: Array<NewNotification & { mailState: 'pending' | null }> },
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return inserted.map((r) => r.id);
}

const NOTICE_COLUMNS = {
  id: notifications.id,
  kind: notifications.kind,
  evaluationId: notifications.evaluationId,
  message: notifications.message,
};

/** A user's inbox, newest first, with the project each notice is about. */
export function listNotifications(db: Db, { userId, limit = 100 }: { userId: number; limit?: number }) {
  return db
    .select({
      ...NOTICE_COLUMNS,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      project: projects.name,
    })
    .from(notifications)
    .leftJoin(evaluations, eq(evaluations.id, notifications.evaluationId))
    .leftJoin(projects, JOIN.projectOfEvaluation)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export function countUnread(db: Db, { userId }: { userId: number }): Promise<number> {
  return db.$count(notifications, and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** Marks some (or all) of a user's unread notices read; the number marked. */
export async function markNotificationsRead(
  tx: Db,
  { userId, ids }: { userId: number; ids: number[] | 'all' },
): Promise<number> {
  const marked = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    )
    .returning({ id: notifications.id });
  return marked.length;
}

/** When a user was last reminded (催办) of an evaluation, if ever. */
export async function lastReminder(db: Db, { evaluationId }: { evaluationId: number }): Promise<Date | null> {
  const row = await firstRow(
    db
      .select({ at: notifications.createdAt })
      .from(notifications)
      .where(and(eq(notifications.evaluationId, evaluationId), eq(notifications.kind, 'reminded')))
      .orderBy(desc(notifications.createdAt))
      .limit(1),
  );
  return row?.at ?? null;
}

/** Mail waiting to go out, or left `sending` by an instance that stopped before `staleBefore`. */
const claimableMail = (staleBefore: Date) =>
  or(
    eq(notifications.mailState, 'pending'),
    and(eq(notifications.mailState, 'sending'), lt(notifications.mailClaimedAt, staleBefore)),
  );

/** The mail an instance may claim (claimableMail), oldest first. */
export function mailToSend(db: Db, { staleBefore, limit }: { staleBefore: Date; limit: number }) {
  return db
    .select({
      ...NOTICE_COLUMNS,
      attempts: notifications.mailAttempts,
      email: notificationSettings.email,
      displayName: users.displayName,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, notifications.userId))
    .where(claimableMail(staleBefore))
    .orderBy(asc(notifications.id))
    .limit(limit);
}

/** Claims one mail for this instance; false when another claimed it first. */
export async function claimMail(tx: Db, { id, now, staleBefore }: { id: number; now: Date; staleBefore: Date }) {
  const claimed = await tx
    .update(notifications)
    .set({ mailState: 'sending', mailClaimedAt: now, mailAttempts: sql`${notifications.mailAttempts} + 1` })
    .where(and(eq(notifications.id, id), claimableMail(staleBefore)))
    .returning({ id: notifications.id });
  return claimed.length === 1;
}

export async function finishMail(tx: Db, { id, state }: { id: number; state: 'sent' | 'pending' | 'failed' }) {
  await tx.update(notifications).set({ mailState: state }).where(eq(notifications.id, id));
}

/** How many notices of each mail state there are (for the tests and the operator). */
export function countMailStates(db: Db) {
  return db
    .select({ state: notifications.mailState, count: count() })
    .from(notifications)
    .groupBy(notifications.mailState);
}

/** The active owners of a year's evaluations still with them (草稿, 已退回), with how many each has. */
export function ownersWithOpenWork(
  db: Db,
  { year, statuses }: { year: number; statuses: readonly EvaluationStatus[] },
) {
  return db
    .select({ ownerId: projects.ownerId, open: count() })
    .from(evaluations)
    .innerJoin(projects, JOIN.projectOfEvaluation)
    .innerJoin(users, eq(users.id, projects.ownerId))
    .where(and(eq(projects.year, year), inArray(evaluations.status, [...statuses]), eq(users.active, true)))
    .groupBy(projects.ownerId);
}
