import { getDb } from '@/db';
import { apiOperation, apiUser, refuseRequest, unproxiedRoute } from '@/lib/auth/api';
import { loadAttachmentInScope } from '@/lib/evidence/authorize';
import { attachmentResponse } from '@/lib/evidence/download';
import { removeEvidenceOperation } from '@/lib/evidence/remove';
import { evidenceStorage } from '@/lib/evidence/store';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** The file, within the evaluation's scope; `?inline=1` previews an image or a PDF in the page. */
export const GET = unproxiedRoute(async (req: Request, ctx: Context) => {
  const user = await apiUser();
  if (user instanceof Response) return user;
  const found = await loadAttachmentInScope(getDb(), user, (await ctx.params).id);
  if (!found.ok) return refuseRequest(found);
  const inline = new URL(req.url).searchParams.get('inline') === '1';
  return attachmentResponse(found.attachment, { storage: evidenceStorage(), inline });
});

export const DELETE = unproxiedRoute(async (req: Request, ctx: Context) =>
  apiOperation(
    req,
    removeEvidenceOperation,
    { attachmentId: (await ctx.params).id },
    () => new Response(null, { status: 204 }),
  ),
);
