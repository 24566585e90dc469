import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { hashPasswordSync } from '../lib/auth/password';
import { parseTargetTable } from '../lib/targets/parse-target-table';
import { importTargetTable } from './queries/targets';
import { departments, projects, users, type Role } from './schema';
import type { Db } from './index';

export const DEMO_PASSWORD = 'demo1234';
export const SEED_TARGETS_FILE = path.join(process.cwd(), 'db', 'seed-data', 'baiyun-emergency-2024-targets.txt');

interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  inDepartment: boolean;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', inDepartment: false },
  { username: 'finance', displayName: '陈晓（财政局）', role: 'finance', inDepartment: false },
  { username: 'head', displayName: '林志强（部门负责人）', role: 'dept_head', inDepartment: true },
  { username: 'owner1', displayName: '张伟', role: 'owner', inDepartment: true },
  { username: 'owner2', displayName: '李娜', role: 'owner', inDepartment: true },
];

/** True when the database holds no projects and no users: a fresh install. */
export function isEmptyDatabase(db: Db): boolean {
  return (
    !db.select({ id: users.id }).from(users).limit(1).get() &&
    !db.select({ id: projects.id }).from(projects).limit(1).get()
  );
}

/**
 * The embedded default: the 2024 target table of 广州市白云区应急管理局 and one demo account per role.
 * Idempotent: running it again changes nothing.
 */
export function seedDemo(db: Db, { targetsFile = SEED_TARGETS_FILE }: { targetsFile?: string } = {}) {
  const table = parseTargetTable(readFileSync(targetsFile, 'utf8'));
  const year = table.year ?? 2024;
  const report = importTargetTable(db, { table, year });
  const department = db.select().from(departments).where(eq(departments.name, table.department)).get();
  if (!department) throw new Error(`seed: department ${table.department} missing after import`);

  const ids = new Map<string, number>();
  for (const account of DEMO_ACCOUNTS) {
    const existing = db.select({ id: users.id }).from(users).where(eq(users.username, account.username)).get();
    const id =
      existing?.id ??
      db
        .insert(users)
        .values({
          username: account.username,
          displayName: account.displayName,
          role: account.role,
          departmentId: account.inDepartment ? department.id : null,
          passwordHash: hashPasswordSync(DEMO_PASSWORD),
        })
        .returning({ id: users.id })
        .get().id;
    ids.set(account.username, id);
  }

  // The 17 projects split between the two owners: the first nine to owner1, the rest to owner2.
  const unassigned = db
    .select({ id: projects.id, position: projects.position })
    .from(projects)
    .where(and(eq(projects.year, year), eq(projects.departmentId, department.id), isNull(projects.ownerId)))
    .orderBy(asc(projects.position))
    .all();
  for (const project of unassigned) {
    const owner = project.position < 9 ? 'owner1' : 'owner2';
    db.update(projects)
      .set({ ownerId: ids.get(owner)! })
      .where(eq(projects.id, project.id))
      .run();
  }
  return report;
}
