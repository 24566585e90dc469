import { and, asc, count, desc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { auditLog, departments, evaluations, projects, users } from '../schema';
import type { Db } from '../index';

/** The database or a transaction on it: the checks that guard a write are repeated inside its transaction. */
export type Reader = Pick<Db, 'select'>;

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
    .orderBy(desc(users.active), asc(departments.name), asc(users.role), asc(users.username))
    .all();
}

/** Usernames differ in more than letter case, so that `Owner1` cannot stand beside `owner1`. */
export function findUserByUsernameIgnoringCase(db: Reader, { username }: { username: string }) {
  return db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .get();
}

export function countActiveAdmins(db: Reader): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true)))
      .get()?.n ?? 0
  );
}

/** Projects whose evaluation is still open (not finalized, or not started) that a user owns. */
export function openProjectsOwnedBy(db: Reader, { userId }: { userId: number }) {
  return db
    .select({ id: projects.id, name: projects.name, year: projects.year, departmentId: projects.departmentId })
    .from(projects)
    .leftJoin(evaluations, eq(evaluations.projectId, projects.id))
    .where(and(eq(projects.ownerId, userId), or(isNull(evaluations.id), ne(evaluations.status, 'finalized'))))
    .orderBy(asc(projects.year), asc(projects.position))
    .all();
}

export function findDepartmentById(db: Reader, { id }: { id: number }) {
  return db.select().from(departments).where(eq(departments.id, id)).get();
}

export function findDepartmentByName(db: Reader, { name }: { name: string }) {
  return db.select().from(departments).where(eq(departments.name, name)).get();
}

export function listActiveDepartments(db: Db) {
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.active, true))
    .orderBy(asc(departments.name))
    .all();
}

/** Departments with how many users (all and active) and projects (all years) they have. */
export function listDepartmentsWithCounts(db: Db) {
  // Spelled out: drizzle leaves columns unqualified inside sql``, which the subqueries would read as their own.
  const outerId = sql.raw('"departments"."id"');
  return db
    .select({
      id: departments.id,
      name: departments.name,
      active: departments.active,
      userCount: sql<number>`(select count(*) from ${users} where ${users.departmentId} = ${outerId})`,
      activeUserCount: sql<number>`(select count(*) from ${users} where ${users.departmentId} = ${outerId} and ${users.active} = 1)`,
      projectCount: sql<number>`(select count(*) from ${projects} where ${projects.departmentId} = ${outerId})`,
    })
    .from(departments)
    .orderBy(desc(departments.active), asc(departments.name))
    .all();
}

export function activeUsersOfDepartment(db: Reader, { departmentId }: { departmentId: number }) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.departmentId, departmentId), eq(users.active, true)))
    .orderBy(asc(users.username))
    .all();
}

/** The year's projects with their owner, for reassignment. */
export function listProjectsForAssignment(db: Db, { year }: { year: number }) {
  const owner = alias(users, 'owner');
  return db
    .select({
      id: projects.id,
      name: projects.name,
      departmentId: projects.departmentId,
      departmentName: departments.name,
      ownerId: projects.ownerId,
      ownerName: owner.displayName,
      ownerActive: owner.active,
      status: evaluations.status,
    })
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .leftJoin(owner, eq(owner.id, projects.ownerId))
    .leftJoin(evaluations, eq(evaluations.projectId, projects.id))
    .where(eq(projects.year, year))
    .orderBy(asc(departments.name), asc(projects.position))
    .all();
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
    .orderBy(asc(users.displayName), asc(users.username))
    .all();
}

export function findProjectWithEvaluation(db: Db, { projectId }: { projectId: number }) {
  return db
    .select({ project: projects, evaluationId: evaluations.id, status: evaluations.status })
    .from(projects)
    .leftJoin(evaluations, eq(evaluations.projectId, projects.id))
    .where(eq(projects.id, projectId))
    .get();
}

/** One entity's audit trail (a user's or a department's), newest first. */
export function listEntityAudit(
  db: Db,
  { entityType, entityId, limit = 50 }: { entityType: string; entityId: number; limit?: number },
) {
  const actor = alias(users, 'actor');
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      field: auditLog.field,
      oldValue: auditLog.oldValue,
      newValue: auditLog.newValue,
      createdAt: auditLog.createdAt,
      actor: actor.displayName,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .all();
}
