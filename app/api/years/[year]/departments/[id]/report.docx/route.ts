import { refuseRequest, yearRoute } from '@/lib/auth/api';
import { downloadResponse } from '@/lib/exports/download';
import { DOCX_CONTENT_TYPE, departmentReportDocx } from '@/lib/reports/docx';
import { loadDepartmentReport } from '@/lib/reports/load-reports';

export const dynamic = 'force-dynamic';

export const GET = yearRoute<{ year: string; id: string }>(async ({ db, user, year, params }) => {
  const found = await loadDepartmentReport(db, { user, year, department: params.id });
  if (!found.ok) return refuseRequest(found);
  return downloadResponse(await departmentReportDocx(found.report), {
    fileName: `${found.report.title}.docx`,
    asciiFallback: `department-report-${year}-${found.departmentId}.docx`,
    contentType: DOCX_CONTENT_TYPE,
  });
});
