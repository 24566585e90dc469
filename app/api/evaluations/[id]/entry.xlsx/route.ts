import { evaluationRoute } from '@/lib/auth/api';
import { buildEntryWorkbook } from '@/lib/entry/write-workbook';
import { downloadResponse, XLSX_CONTENT_TYPE } from '@/lib/exports/download';

export const dynamic = 'force-dynamic';

export const GET = evaluationRoute(async ({ bundle }) =>
  downloadResponse(await buildEntryWorkbook([bundle]), {
    fileName: `绩效自评填报表-${bundle.project.year}-${bundle.project.name}.xlsx`,
    asciiFallback: `entry-${bundle.evaluation.id}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
  }),
);
