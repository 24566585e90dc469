import { evaluationRoute } from '@/lib/auth/api';
import { downloadHeaders, XLSX_CONTENT_TYPE } from '@/lib/exports/download';
import { buildSelfEvaluationWorkbook, selfEvaluationFileName } from '@/lib/exports/workbooks';

export const dynamic = 'force-dynamic';

export const GET = evaluationRoute(async ({ bundle }) => {
  const body = await buildSelfEvaluationWorkbook(bundle);
  return new Response(new Uint8Array(body), {
    headers: {
      ...downloadHeaders({
        fileName: selfEvaluationFileName(bundle),
        asciiFallback: `self-evaluation-${bundle.evaluation.id}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
      }),
      'Content-Length': String(body.length),
    },
  });
});
