import { refuseRequest, yearRoute } from '@/lib/auth/api';
import { downloadHeaders, XLSX_CONTENT_TYPE } from '@/lib/exports/download';
import { chooseTargetDepartment, loadTargetTable } from '@/lib/exports/target-table';
import { exportTargetWorkbook, targetWorkbookTitle } from '@/lib/exports/target-workbook';

export const dynamic = 'force-dynamic';

export const GET = yearRoute(async ({ db, user, year, req }) => {
  const requested = new URL(req.url).searchParams.get('department');
  const choice = await chooseTargetDepartment(db, { user, year, requested });
  if (!choice.ok) return refuseRequest(choice);
  const table = await loadTargetTable(db, { year, departmentId: choice.departmentId });
  if (!table) return Response.json({ error: '没有该部门' }, { status: 404 });
  const body = await exportTargetWorkbook(table);
  return new Response(new Uint8Array(body), {
    headers: {
      ...downloadHeaders({
        fileName: `${targetWorkbookTitle(table)}.xlsx`,
        asciiFallback: `targets-${year}-${choice.departmentId}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
      }),
      'Content-Length': String(body.length),
    },
  });
});
