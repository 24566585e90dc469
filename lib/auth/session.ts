import { forbidden, notFound, redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { getDb } from '@/db';
import { loadEvaluationBundle } from '@/db/queries/evaluations';
import { findUserById } from '@/db/queries/users';
import type { Role } from '@/db/schema';
import { requestAuthOptions } from './options';
import { canViewProject, type SessionUser } from './scope';
import { signInPath } from './sign-in-path';

/** The signed-in, active user, re-read from the database; null without a valid session. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(await requestAuthOptions())) as { uid?: unknown; sv?: unknown } | null;
  const uid = session?.uid;
  if (typeof uid !== 'number') return null;
  const user = findUserById(getDb(), { id: uid });
  if (!user || !user.active) return null;
  if ((typeof session?.sv === 'number' ? session.sv : 0) !== user.sessionVersion) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    departmentId: user.departmentId,
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * For pages: the user, or a redirect to the sign-in page. A user whose password was reset must
 * change it first (the password page itself passes `allowPasswordChange`).
 */
export async function requireUser(roles?: readonly Role[], { allowPasswordChange = false } = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(await signInPath());
  if (user.mustChangePassword && !allowPasswordChange) redirect('/account/password');
  if (roles && !roles.includes(user.role)) forbidden();
  return user;
}

/** For evaluation pages: the user and the evaluation, or the 404 / 403 page. */
export async function requireEvaluation(idParam: string) {
  const user = await requireUser();
  const id = Number(idParam);
  const bundle = Number.isInteger(id) && id > 0 ? loadEvaluationBundle(getDb(), { evaluationId: id }) : null;
  if (!bundle) notFound();
  if (!canViewProject(user, bundle.project)) forbidden();
  return { user, bundle };
}
