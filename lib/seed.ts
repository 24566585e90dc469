import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { transaction, type Db } from '@/db';
import { ensureDepartment, findDepartmentByName } from '@/db/queries/departments';
import { listUnownedProjects, setProjectOwner } from '@/db/queries/projects';
import { findUserByUsername, insertUser } from '@/db/queries/users';
import type { Role } from '@/db/schema';
import { hashPasswordSync } from '@/lib/auth/password';
import { importTargetTable } from '@/lib/targets/import-table';
import { parseTargetTable } from '@/lib/targets/parse-target-table';

export { isEmptyDatabase } from '@/db/queries/projects';

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

/** The user of that name, created with the demo password when missing; its id. */
async function ensureAccount(
  tx: Db,
  account: { username: string; displayName: string; role: Role; departmentId: number | null },
) {
  const existing = await findUserByUsername(tx, { username: account.username });
  return (
    existing?.id ??
    (await insertUser(tx, { user: { ...account, passwordHash: hashPasswordSync(DEMO_PASSWORD), demo: true } }))
  );
}

/**
 * The embedded default: the 2024 target table of 广州市白云区应急管理局 and one demo account per role.
 * Idempotent: running it again changes nothing.
 */
export async function seedDemo(db: Db, { targetsFile = SEED_TARGETS_FILE }: { targetsFile?: string } = {}) {
  const table = parseTargetTable(readFileSync(targetsFile, 'utf8'));
  const year = table.year ?? 2024;
  // One transaction: a start interrupted half-way leaves an empty database, seeded again next time.
  return transaction(db, async (tx) => {
    const report = await importTargetTable(tx, { table, year });
    const department = await findDepartmentByName(tx, { name: table.department });
    if (!department) throw new Error(`seed: department ${table.department} missing after import`);
    const ids = new Map<string, number>();
    for (const { inDepartment, ...account } of DEMO_ACCOUNTS) {
      ids.set(
        account.username,
        await ensureAccount(tx, { ...account, departmentId: inDepartment ? department.id : null }),
      );
    }
    // The 17 projects split between the two owners: the first nine to owner1, the rest to owner2.
    for (const project of await listUnownedProjects(tx, { year, departmentId: department.id })) {
      await setProjectOwner(tx, {
        projectId: project.id,
        ownerId: ids.get(project.position < 9 ? 'owner1' : 'owner2')!,
      });
    }
    return report;
  });
}

/** For the test suites: a second department with its own head and owner, for the scope checks. */
export const OTHER_DEPARTMENT = '白云区水务局';

export async function seedOtherDepartment(db: Db): Promise<number> {
  return transaction(db, async (tx) => {
    const departmentId = await ensureDepartment(tx, { name: OTHER_DEPARTMENT });
    for (const [username, role] of [
      ['otherhead', 'dept_head'],
      ['otherowner', 'owner'],
    ] as const)
      await ensureAccount(tx, { username, displayName: username, role, departmentId });
    return departmentId;
  });
}
