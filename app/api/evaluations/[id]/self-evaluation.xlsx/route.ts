import { getDb } from '@/db';
import { loadEvaluationBundle } from '@/db/queries/evaluations';
import { canViewProject } from '@/lib/auth/scope';
import { getCurrentUser } from '@/lib/auth/session';
import { downloadHeaders, XLSX_CONTENT_TYPE } from '@/lib/exports/download';
import { buildSelfEvaluationWorkbook } from '@/lib/exports/workbooks';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: '未登录' }, { status: 401 });
  const id = Number((await ctx.params).id);
  const bundle = Number.isInteger(id) && id > 0 ? loadEvaluationBundle(getDb(), { evaluationId: id }) : null;
  if (!bundle) return Response.json({ error: '找不到该自评' }, { status: 404 });
  if (!canViewProject(user, bundle.project)) return Response.json({ error: '无权查看该自评' }, { status: 403 });
  const body = await buildSelfEvaluationWorkbook(bundle);
  const fileName = `项目支出绩效自评表-${bundle.project.year}-${bundle.project.name}.xlsx`;
  return new Response(new Uint8Array(body), {
    headers: { ...downloadHeaders({ fileName, asciiFallback: `self-evaluation-${id}.xlsx`, contentType: XLSX_CONTENT_TYPE }), 'Content-Length': String(body.length) },
  });
}
