import { closeDatabase, databaseFile, openDatabase } from '../../db';
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
