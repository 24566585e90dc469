import 'server-only';
import { transaction, type Db } from '@/db';
import { dataStepDone, markDataStepDone } from '@/db/queries/data-steps';
import { findUserByUsername, updateUser } from '@/db/queries/users';
import { verifyPassword } from '@/lib/auth/password';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/seed';

/** The data step that marks the demo accounts of a database seeded before accounts carried the mark. */
export const LEGACY_DEMO_STEP = 'legacy_demo_accounts';

/**
 * A database seeded before the migration that added `users.demo` has its demo accounts unmarked, so it
 * would show no 演示数据 banner while anyone can sign in as `admin` with the published password. Once
 * per database, after migrating (`npm start`): every active account with a demo username that still
 * signs in with the demo password is marked, and the banner shows until it is deactivated. One whose
 * password was changed stays unmarked: its password is no longer public. Returns how many it marked.
 */
export async function markLegacyDemoAccounts(db: Db): Promise<number> {
  if (await dataStepDone(db, { name: LEGACY_DEMO_STEP })) return 0;
  const stillDemo: number[] = [];
  for (const { username } of DEMO_ACCOUNTS) {
    const user = await findUserByUsername(db, { username });
    if (user?.active && !user.demo && (await verifyPassword(DEMO_PASSWORD, user.passwordHash))) stillDemo.push(user.id);
  }
  await transaction(db, async (tx) => {
    for (const userId of stillDemo) await updateUser(tx, { userId, changes: { demo: true } });
    await markDataStepDone(tx, { name: LEGACY_DEMO_STEP });
  });
  return stillDemo.length;
}
