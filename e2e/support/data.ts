import { closeDatabase, databaseFile, openDatabase, transaction } from '../../db';
import { seedOtherDepartment } from '../../lib/seed';

/** Adds a second department with its own head and owner straight into a test server's database. */
export async function addOtherDepartment(dataDir: string) {
  const db = openDatabase(databaseFile(dataDir));
  try {
    await seedOtherDepartment(db);
  } finally {
    closeDatabase(db);
  }
}

/** An owner of the seeded department whose password an administrator has just reset (not yet replaced). */
export async function addTemporaryPasswordOwner(dataDir: string, username = 'tempowner') {
  const { findUserByUsername, insertUser } = await import('../../db/queries/users');
  const { hashPasswordSync } = await import('../../lib/auth/password');
  const { DEMO_PASSWORD } = await import('./fixtures');
  const db = openDatabase(databaseFile(dataDir));
  try {
    const head = await findUserByUsername(db, { username: 'head' });
    await transaction(db, (tx) =>
      insertUser(tx, {
        user: {
          username,
          displayName: username,
          role: 'owner',
          departmentId: head!.departmentId,
          passwordHash: hashPasswordSync(DEMO_PASSWORD),
          mustChangePassword: true,
        },
      }),
    );
  } finally {
    closeDatabase(db);
  }
  return username;
}

/** Renames a project and its department straight in a test server's database (as a later edit would). */
export async function renameProjectAndDepartment(
  dataDir: string,
  { project, suffix }: { project: string; suffix: string },
) {
  const { eq } = await import('drizzle-orm');
  const { departments, projects } = await import('../../db/schema');
  const db = openDatabase(databaseFile(dataDir));
  try {
    await transaction(db, async (tx) => {
      const [found] = await tx.select().from(projects).where(eq(projects.name, project));
      await tx
        .update(projects)
        .set({ name: `${project}${suffix}` })
        .where(eq(projects.name, project));
      const [department] = await tx.select().from(departments).where(eq(departments.id, found.departmentId));
      await tx
        .update(departments)
        .set({ name: `${department.name}${suffix}` })
        .where(eq(departments.id, department.id));
    });
  } finally {
    closeDatabase(db);
  }
}
