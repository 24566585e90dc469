import { evaluationRoute } from '@/lib/auth/api';
import { downloadResponse } from '@/lib/exports/download';
import { DOCX_CONTENT_TYPE, evaluationReportDocx } from '@/lib/reports/docx';
import { reportFileName, reportOfBundle } from '@/lib/reports/load-reports';

export const dynamic = 'force-dynamic';

export const GET = evaluationRoute(async ({ bundle }) => {
  const { report } = reportOfBundle(bundle);
  return downloadResponse(await evaluationReportDocx(report), {
    fileName: reportFileName(report),
    asciiFallback: `report-${bundle.evaluation.id}.docx`,
    contentType: DOCX_CONTENT_TYPE,
  });
});
