import { yearRoute } from '@/lib/auth/api';
import { downloadHeaders } from '@/lib/exports/download';
import { selfEvaluationEntries } from '@/lib/exports/workbooks';
import { yearExportResponse } from '@/lib/exports/year-export';
import { zipStream } from '@/lib/exports/zip';

export const dynamic = 'force-dynamic';

/** Every 自评表 of the year in the caller's scope (same filters as the overview), one streamed zip. */
export const GET = yearRoute(async ({ db, user, year, req }) =>
  yearExportResponse(
    db,
    {
      user,
      year,
      req,
      headers: downloadHeaders({
        fileName: `${year}年度项目支出绩效自评表.zip`,
        asciiFallback: `self-evaluations-${year}.zip`,
        contentType: 'application/zip',
      }),
    },
    (batches) => zipStream(selfEvaluationEntries(batches())),
  ),
);
