import 'server-only';
import { transaction, type Db } from '@/db';
import { countRecentFailures, findUserByUsername, recordSignIn } from '@/db/queries/users';
import { hashPasswordSync, verifyPassword } from './password';
import { LOCKOUT_MINUTES } from './sign-in-codes';

export { LOCKED_OUT, LOCKOUT_MINUTES } from './sign-in-codes';

/** After this many wrong passwords for one username within the window, sign-in pauses for it. */
export const MAX_FAILURES = 5;

// Compared against when the user does not exist, so the answer takes as long either way.
const DUMMY_HASH = hashPasswordSync('no-such-user-password');

type SignInOutcome =
  { ok: true; user: { id: number; displayName: string; sessionVersion: number } } | { ok: false; lockedOut: boolean };

/** Checks a username and password, records the attempt, and pauses a username after repeated failures. */
export async function checkCredentials(
  db: Db,
  attempt: { username: string; password: string; ip: string | null; userAgent: string | null; now?: Date },
): Promise<SignInOutcome> {
  const { username, password, ip, userAgent } = attempt;
  const since = new Date((attempt.now ?? new Date()).getTime() - LOCKOUT_MINUTES * 60_000);
  const user = await findUserByUsername(db, { username });
  const lockedOut = (await countRecentFailures(db, { username, since })) >= MAX_FAILURES;
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const ok = Boolean(user && user.active && matches && !lockedOut);
  await transaction(db, (tx) => recordSignIn(tx, { userId: user?.id ?? null, username, success: ok, ip, userAgent }));
  if (!ok || !user) return { ok: false, lockedOut };
  return { ok: true, user: { id: user.id, displayName: user.displayName, sessionVersion: user.sessionVersion } };
}
