import { getDb } from '@/db';
import { getCurrentUser } from '@/lib/auth/session';
import { downloadHeaders, XLSX_CONTENT_TYPE } from '@/lib/exports/download';
import { existingYear } from '@/lib/exports/load-year';
import { chooseTargetDepartment, loadTargetTable } from '@/lib/exports/target-table';
import { exportTargetWorkbook, targetWorkbookTitle } from '@/lib/exports/target-workbook';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ year: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: '未登录' }, { status: 401 });
  const db = getDb();
  const year = existingYear(db, (await ctx.params).year);
  if (year === null) return Response.json({ error: '没有该年度' }, { status: 404 });
  const choice = chooseTargetDepartment(db, { user, year, requested: new URL(req.url).searchParams.get('department') });
  if (!choice.ok) return Response.json({ error: choice.message }, { status: choice.status });
  const table = loadTargetTable(db, { year, departmentId: choice.departmentId });
  if (!table) return Response.json({ error: '没有该部门' }, { status: 404 });
  const body = await exportTargetWorkbook(table);
  return new Response(new Uint8Array(body), {
    headers: {
      ...downloadHeaders({ fileName: `${targetWorkbookTitle(table)}.xlsx`, asciiFallback: `targets-${year}-${choice.departmentId}.xlsx`, contentType: XLSX_CONTENT_TYPE }),
      'Content-Length': String(body.length),
    },
  });
}
