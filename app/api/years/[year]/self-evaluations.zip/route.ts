import { selfEvaluationEntries } from '@/lib/exports/workbooks';
import { yearExportRoute } from '@/lib/exports/year-export';
import { zipStream } from '@/lib/exports/zip';

export const dynamic = 'force-dynamic';

/** Every 自评表 of the year in the caller's scope (same filters as the overview), one streamed zip. */
export const GET = yearExportRoute({
  fileName: (year) => `${year}年度项目支出绩效自评表.zip`,
  asciiFallback: (year) => `self-evaluations-${year}.zip`,
  contentType: 'application/zip',
  body: ({ batches }) => zipStream(selfEvaluationEntries(batches())),
});
