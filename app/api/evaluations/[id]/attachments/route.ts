import { getDb } from '@/db';
import { apiEvaluation, apiOperation, unproxiedRoute } from '@/lib/auth/api';
import { evidenceItem } from '@/lib/evidence/items';
import { uploadEvidenceOperation } from '@/lib/evidence/upload';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** The evaluation's evidence, in upload order. */
export const GET = unproxiedRoute(async (_req: Request, ctx: Context) => {
  const found = await apiEvaluation(getDb(), (await ctx.params).id);
  if (found instanceof Response) return found;
  return Response.json({ items: found.bundle.attachments.map(evidenceItem) });
});

/** Multipart `file` (repeatable) with `indicatorId` or `target`; the body streams into the store (see proxy.ts). */
export const POST = unproxiedRoute(async (req: Request, ctx: Context) => {
  const length = req.headers.get('content-length');
  const request = {
    contentType: req.headers.get('content-type'),
    contentLength: length !== null && /^\d+$/.test(length) ? Number(length) : null,
    body: req.body,
  };
  return apiOperation(req, uploadEvidenceOperation, { evaluationId: (await ctx.params).id, request }, (data) =>
    Response.json(data, { status: 201 }),
  );
});
