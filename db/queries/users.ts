import 'server-only';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { defineList, rankOf, readPage, type QueryOf } from '../list-query';
import { columnsOf, firstRow } from '../rows';
import { departments, ROLES, signIns, users, type NewUser, type Role, type User } from '../schema';
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

/** The admin's user list: what may be sorted, searched and filtered. */
export const USER_LIST_SPEC = defineList({
  sorts: {
    // Active accounts first, then department by department (accounts without one first), by role and name.
    default: {
      by: [
        sql`case when ${users.active} then 0 else 1 end`,
        sql`coalesce(${departments.name}, '')`,
        users.role,
        users.username,
      ],
    },
    username: { by: [users.username] },
    displayName: { by: [users.displayName] },
    role: { by: [rankOf(users.role, ROLES)] },
    department: { by: [departments.name], nullable: true },
    active: { by: [sql`case when ${users.active} then 0 else 1 end`] },
  },
  defaultSort: { key: 'default', direction: 'asc' },
  tiebreak: [users.id],
  search: [users.username, users.displayName, departments.name],
  filters: {
    role: { values: ROLES, where: (v) => eq(users.role, v as Role) },
    department: { values: 'id', where: (v) => eq(users.departmentId, Number(v)) },
    active: { values: ['active', 'inactive'], where: (v) => eq(users.active, v === 'active') },
  },
});

export type UserListQuery = QueryOf<typeof USER_LIST_SPEC>;

function userRows(db: Db) {
  return db
    .select({
      ...columnsOf(users, 'id', 'username', 'displayName', 'role', 'departmentId', 'active', 'mustChangePassword'),
      departmentName: departments.name,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .$dynamic();
}

/** One page of the admin's user list. */
export function listUserPage(db: Db, { query }: { query: UserListQuery }) {
  return readPage(db, USER_LIST_SPEC, query, { source: () => userRows(db) });
}

/** How many accounts there are, and how many of them are active. */
export async function countUsers(db: Db) {
  const [row] = await db
    .select({
      all: count(),
      active: sql<number>`coalesce(sum(case when ${users.active} then 1 else 0 end), 0)`.mapWith(Number),
    })
    .from(users);
  return row;
}

/** Who may own a project of these departments: their active 项目负责人 (each takes only their own department's). */
export function listActiveOwners(db: Db, { departmentIds }: { departmentIds: number[] }) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      departmentId: users.departmentId,
    })
    .from(users)
    .where(and(eq(users.role, 'owner'), eq(users.active, true), inArray(users.departmentId, departmentIds)))
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
  Partial<Pick<User, 'mustChangePassword' | 'demo'>>;

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
