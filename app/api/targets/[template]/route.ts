import { apiUser, refuseRequest } from '@/lib/auth/api';
import { checkCaller } from '@/lib/auth/gate';
import { downloadResponse, XLSX_CONTENT_TYPE } from '@/lib/exports/download';
import { TARGET_TEMPLATES, type TargetTemplate } from '@/lib/targets/templates';

export const dynamic = 'force-dynamic';

const FILES: Record<string, TargetTemplate> = { 'template.xlsx': 'template', 'example.xlsx': 'example' };

/** The import page's blank template and example (`/api/targets/template.xlsx`, `…/example.xlsx`), for those who import. */
export async function GET(_req: Request, ctx: { params: Promise<{ template: string }> }) {
  const user = await apiUser();
  if (user instanceof Response) return user;
  const allowed = checkCaller(user, { roles: ['admin', 'finance'] });
  if (!allowed.ok) return refuseRequest(allowed);
  const kind = FILES[(await ctx.params).template];
  if (!kind) return Response.json({ error: '没有该文件' }, { status: 404 });
  const { build, ...file } = TARGET_TEMPLATES[kind];
  return downloadResponse(await build(), { ...file, contentType: XLSX_CONTENT_TYPE });
}
