import { evaluationRoute } from '@/lib/auth/api';
import { shownEvaluation } from '@/lib/evaluations/frozen';
import { serializeEvaluation } from '@/lib/evaluations/serialize';

export const dynamic = 'force-dynamic';

export const GET = evaluationRoute(({ bundle }) => {
  const shown = shownEvaluation(bundle);
  return Response.json(serializeEvaluation(shown.bundle, shown.result));
});
