import { getDb } from '@/db';
import { apiEvaluation } from '@/lib/auth/api';
import { serializeEvaluation } from '@/lib/evaluations/serialize';
import { scoreStored } from '@/lib/evaluations/sheet';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: RouteContext<'/api/evaluations/[id]'>) {
  const found = await apiEvaluation(getDb(), (await ctx.params).id);
  if (found instanceof Response) return found;
  const { bundle } = found;
  return Response.json(serializeEvaluation(bundle, scoreStored(bundle).result));
}
