import { evaluationRoute } from '@/lib/auth/api';
import { downloadHeaders, XLSX_CONTENT_TYPE } from '@/lib/exports/download';
import { buildSelfEvaluationWorkbook } from '@/lib/exports/workbooks';

export const dynamic = 'force-dynamic';

export const GET = evaluationRoute(async ({ bundle }) => {
  const body = await buildSelfEvaluationWorkbook(bundle);
  const fileName = `项目支出绩效自评表-${bundle.project.year}-${bundle.project.name}.xlsx`;
  return new Response(new Uint8Array(body), {
    headers: {
      ...downloadHeaders({
        fileName,
        asciiFallback: `self-evaluation-${bundle.evaluation.id}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
      }),
      'Content-Length': String(body.length),
    },
  });
});
