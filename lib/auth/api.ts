import type { Db } from '@/db';
import { loadEvaluationBundle, type EvaluationBundle } from '@/db/queries/evaluations';
import { existingYear } from '@/db/queries/projects';
import { canViewProject, type SessionUser } from './scope';
import { getCurrentUser } from './session';

const refuse = (status: number, error: string) => Response.json({ error }, { status });

/**
 * The checks every API route repeats, with the statuses integrations expect: 401 without a session,
 * 403 while a reset password is unchanged or outside the caller's scope, 404 for what does not exist.
 */
export async function apiUser(): Promise<SessionUser | Response> {
  const user = await getCurrentUser();
  if (!user) return refuse(401, '未登录');
  if (user.mustChangePassword) return refuse(403, '请先修改初始密码');
  return user;
}

export async function apiEvaluation(
  db: Db,
  idParam: string,
): Promise<{ user: SessionUser; bundle: EvaluationBundle } | Response> {
  const user = await apiUser();
  if (user instanceof Response) return user;
  const id = Number(idParam);
  const bundle = Number.isInteger(id) && id > 0 ? loadEvaluationBundle(db, { evaluationId: id }) : null;
  if (!bundle) return refuse(404, '找不到该自评');
  if (!canViewProject(user, bundle.project)) return refuse(403, '无权查看该自评');
  return { user, bundle };
}

export async function apiYear(db: Db, yearParam: string): Promise<{ user: SessionUser; year: number } | Response> {
  const user = await apiUser();
  if (user instanceof Response) return user;
  const year = existingYear(db, yearParam);
  if (year === null) return refuse(404, '没有该年度');
  return { user, year };
}
