import 'server-only';
import { transaction, type Db } from '@/db';
import { findUserByUsername, recordSignIn } from '@/db/queries/users';
import { hashPasswordSync, verifyPassword } from './password';
import { claimAttempt, forgiveAttempt, throttleKeys } from './throttle';

// Compared against when the user does not exist, so the answer takes as long either way.
const DUMMY_HASH = hashPasswordSync('no-such-user-password');

type SignInOutcome =
  | { ok: true; user: { id: number; displayName: string; sessionVersion: number } }
  | { ok: false; retryAfterSeconds?: number };

/**
 * Checks a username and password from a client address, within the throttle (lib/auth/throttle.ts),
 * and records every attempt that was checked in the sign-in history.
 */
export async function checkCredentials(
  db: Db,
  attempt: { username: string; password: string; ip: string | null; userAgent: string | null; now?: Date },
): Promise<SignInOutcome> {
  const { username, password, ip, userAgent } = attempt;
  const keys = throttleKeys(username, ip);
  const claim = await claimAttempt(db, { keys, now: attempt.now ?? new Date() });
  if (claim.paused) return { ok: false, retryAfterSeconds: claim.retryAfterSeconds };

  const user = await findUserByUsername(db, { username });
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const ok = Boolean(user && user.active && matches);
  await transaction(db, async (tx) => {
    if (ok) await forgiveAttempt(tx, { keys });
    await recordSignIn(tx, { userId: user?.id ?? null, username, success: ok, ip, userAgent });
  });
  if (!ok || !user) return { ok: false };
  return { ok: true, user: { id: user.id, displayName: user.displayName, sessionVersion: user.sessionVersion } };
}
