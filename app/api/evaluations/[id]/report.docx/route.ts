import { evaluationRoute } from '@/lib/auth/api';
import { downloadResponse } from '@/lib/exports/download';
import { DOCX_CONTENT_TYPE, evaluationReportDocx } from '@/lib/reports/docx';
import { reportOfBundle } from '@/lib/reports/load-reports';

export const dynamic = 'force-dynamic';

export const GET = evaluationRoute(async ({ bundle }) =>
  downloadResponse(await evaluationReportDocx(reportOfBundle(bundle)), {
    fileName: `项目支出绩效自评报告-${bundle.project.year}-${bundle.project.name}.docx`,
    asciiFallback: `report-${bundle.evaluation.id}.docx`,
    contentType: DOCX_CONTENT_TYPE,
  }),
);
