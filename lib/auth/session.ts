import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { getDb } from '@/db';
import { findUserById } from '@/db/queries/users';
import type { Role } from '@/db/schema';
import type { Failure } from '@/lib/action-state';
import { loadEvaluationInScope } from '@/lib/evaluations/authorize';
import { checkCaller } from './gate';
import { requestAuthOptions } from './options';
import { toSessionUser, type SessionUser } from './scope';
import { signInPath } from './sign-in-path';

/** The signed-in, active user, re-read from the database; null without a valid session. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(await requestAuthOptions())) as { uid?: unknown; sv?: unknown } | null;
  const uid = session?.uid;
  if (typeof uid !== 'number') return null;
  const user = await findUserById(getDb(), { id: uid });
  if (!user || !user.active) return null;
  if ((typeof session?.sv === 'number' ? session.sv : 0) !== user.sessionVersion) return null;
  return toSessionUser(user);
}

/** A page's answer to a failure: the sign-in page, the 404 page or the 403 page. */
async function refusePage(failure: Failure): Promise<never> {
  if (failure.code === 'unauthenticated') redirect(await signInPath());
  if (failure.code === 'not_found') notFound();
  forbidden();
}

/**
 * For pages: the user, or a redirect to the sign-in page. A user whose password was reset must
 * change it first (the password page itself passes `allowPasswordChange`).
 */
export async function requireUser(roles?: readonly Role[], { allowPasswordChange = false } = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (user?.mustChangePassword && !allowPasswordChange) redirect('/account/password');
  const caller = checkCaller(user, { roles, allowTemporaryPassword: allowPasswordChange });
  if (!caller.ok) return refusePage(caller);
  return caller.user;
}

/** For evaluation pages: the user and the evaluation, or the 404 / 403 page. */
export async function requireEvaluation(idParam: string) {
  const user = await requireUser();
  const found = await loadEvaluationInScope(getDb(), user, idParam);
  if (!found.ok) return refusePage(found);
  return { user, bundle: found.bundle };
}
