import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { firstRow } from '../rows';
import { departments, projects, users, type Department } from '../schema';
import type { Db } from '../sqlite';

export function findDepartmentById(db: Db, { id }: { id: number }) {
  return firstRow(db.select().from(departments).where(eq(departments.id, id)).limit(1));
}

export function findDepartmentByName(db: Db, { name }: { name: string }) {
  return firstRow(db.select().from(departments).where(eq(departments.name, name)).limit(1));
}

export function listActiveDepartments(db: Db) {
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.active, true))
    .orderBy(asc(departments.name));
}

/** Departments with how many users (all and active) and projects (all years) they have. */
export function listDepartmentsWithCounts(db: Db) {
  const ofDepartment = eq(users.departmentId, departments.id);
  return db
    .select({
      id: departments.id,
      name: departments.name,
      active: departments.active,
      version: departments.version,
      userCount: db.$count(users, ofDepartment),
      activeUserCount: db.$count(users, and(ofDepartment, eq(users.active, true))),
      projectCount: db.$count(projects, eq(projects.departmentId, departments.id)),
    })
    .from(departments)
    .orderBy(desc(departments.active), asc(departments.name));
}

export async function insertDepartment(tx: Db, { name }: { name: string }): Promise<number> {
  const [row] = await tx.insert(departments).values({ name }).returning({ id: departments.id });
  return row.id;
}

/** The department of that name, created when missing (an import names its department): its id. */
export async function ensureDepartment(tx: Db, { name }: { name: string }): Promise<number> {
  return (await findDepartmentByName(tx, { name }))?.id ?? (await insertDepartment(tx, { name }));
}

export async function updateDepartment(
  tx: Db,
  { departmentId, changes }: { departmentId: number; changes: Partial<Pick<Department, 'name' | 'active'>> },
) {
  await tx.update(departments).set(changes).where(eq(departments.id, departmentId));
}
