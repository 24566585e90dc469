import { Readable } from 'node:stream';
import { CSV_CONTENT_TYPE } from '@/lib/exports/download';
import { indicatorCsvChunks } from '@/lib/exports/indicators-csv';
import { yearExportRoute } from '@/lib/exports/year-export';

export const dynamic = 'force-dynamic';

/** Same filters as the overview and the project list (`q`, `department`, `status`, `grade`, `flag`). */
export const GET = yearExportRoute({
  fileName: (year) => `${year}年度绩效指标自评明细.csv`,
  asciiFallback: (year) => `indicators-${year}.csv`,
  contentType: CSV_CONTENT_TYPE,
  body: ({ batches }) => Readable.from(indicatorCsvChunks(batches())),
});
