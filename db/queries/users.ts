import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { firstRow } from '../rows';
import { departments, signIns, users, type NewUser, type User } from '../schema';
import type { Db } from '../sqlite';

export function findUserById(db: Db, { id }: { id: number }) {
  return firstRow(db.select().from(users).where(eq(users.id, id)).limit(1));
}

export function findUserByUsername(db: Db, { username }: { username: string }) {
  return firstRow(db.select().from(users).where(eq(users.username, username)).limit(1));
}

/** Usernames differ in more than letter case, so that `Owner1` cannot stand beside `owner1`. */
export function findUserByUsernameIgnoringCase(db: Db, { username }: { username: string }) {
  return firstRow(
    db
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(sql`lower(${users.username}) = lower(${username})`)
      .limit(1),
  );
}

/** Active accounts the demo seed made (with the published password): the 演示数据 banner shows while any exist. */
export function countActiveDemoAccounts(db: Db): Promise<number> {
  return db.$count(users, and(eq(users.demo, true), eq(users.active, true)));
}

export function countActiveAdmins(db: Db): Promise<number> {
  return db.$count(users, and(eq(users.role, 'admin'), eq(users.active, true)));
}

/** Everyone, for the admin's user list: departments by name, then people by role and name. */
export function listUsersForAdmin(db: Db) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      departmentId: users.departmentId,
      departmentName: departments.name,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .orderBy(desc(users.active), asc(departments.name), asc(users.role), asc(users.username));
}

/** Who may own a project: active 项目负责人, each of whom can take only their own department's projects. */
export function listActiveOwners(db: Db) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      departmentId: users.departmentId,
    })
    .from(users)
    .where(and(eq(users.role, 'owner'), eq(users.active, true)))
    .orderBy(asc(users.displayName), asc(users.username));
}

export function activeUsersOfDepartment(db: Db, { departmentId }: { departmentId: number }) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.departmentId, departmentId), eq(users.active, true)))
    .orderBy(asc(users.username));
}

export async function insertUser(tx: Db, { user }: { user: NewUser }): Promise<number> {
  const [row] = await tx.insert(users).values(user).returning({ id: users.id });
  return row.id;
}

type UserChanges = Partial<Pick<User, 'displayName' | 'role' | 'departmentId' | 'active' | 'passwordHash'>> &
  Partial<Pick<User, 'mustChangePassword'>>;

/** Changes a user; `endSessions` also ends every session signed in before (see `users.sessionVersion`). */
export async function updateUser(
  tx: Db,
  { userId, changes, endSessions = false }: { userId: number; changes: UserChanges; endSessions?: boolean },
) {
  await tx
    .update(users)
    .set({
      ...changes,
      ...(endSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
}

/** Ends every session of a user signed in before now (signing out, 退出所有设备). */
export async function endSessionsOf(tx: Db, { userId }: { userId: number }) {
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

export async function recordSignIn(
  tx: Db,
  entry: { userId: number | null; username: string; success: boolean; ip: string | null; userAgent: string | null },
) {
  await tx.insert(signIns).values(entry);
}

export function recentSignIns(db: Db, { userId, limit = 10 }: { userId: number; limit?: number }) {
  return db
    .select()
    .from(signIns)
    .where(eq(signIns.userId, userId))
    .orderBy(desc(signIns.createdAt), desc(signIns.id))
    .limit(limit);
}
