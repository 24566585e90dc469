import { getDb } from '@/db';
import { loadEvaluationBundle } from '@/db/queries/evaluations';
import { canViewProject } from '@/lib/auth/scope';
import { getCurrentUser } from '@/lib/auth/session';
import { serializeEvaluation } from '@/lib/evaluations/serialize';
import { scoreStored } from '@/lib/evaluations/sheet';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: RouteContext<'/api/evaluations/[id]'>) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: '未登录' }, { status: 401 });
  const id = Number((await ctx.params).id);
  const bundle = Number.isInteger(id) && id > 0 ? loadEvaluationBundle(getDb(), { evaluationId: id }) : null;
  if (!bundle) return Response.json({ error: '找不到该自评' }, { status: 404 });
  if (!canViewProject(user, bundle.project)) return Response.json({ error: '无权查看该自评' }, { status: 403 });
  return Response.json(serializeEvaluation(bundle, scoreStored(bundle).result));
}
