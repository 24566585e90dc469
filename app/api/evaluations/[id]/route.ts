import { evaluationRoute } from '@/lib/auth/api';
import { serializeEvaluation } from '@/lib/evaluations/serialize';
import { scoreStored } from '@/lib/evaluations/sheet';

export const dynamic = 'force-dynamic';

export const GET = evaluationRoute(({ bundle }) =>
  Response.json(serializeEvaluation(bundle, scoreStored(bundle).result)),
);
