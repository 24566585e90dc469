import { Readable } from 'node:stream';
import { yearRoute } from '@/lib/auth/api';
import { CSV_CONTENT_TYPE, downloadHeaders } from '@/lib/exports/download';
import { indicatorCsvChunks } from '@/lib/exports/indicators-csv';
import { yearExportResponse } from '@/lib/exports/year-export';

export const dynamic = 'force-dynamic';

/** Same filters as the overview and the project list (`q`, `department`, `status`, `grade`, `flag`). */
export const GET = yearRoute(async ({ db, user, year, req }) =>
  yearExportResponse(
    db,
    {
      user,
      year,
      req,
      headers: downloadHeaders({
        fileName: `${year}年度绩效指标自评明细.csv`,
        asciiFallback: `indicators-${year}.csv`,
        contentType: CSV_CONTENT_TYPE,
      }),
    },
    (batches) => Readable.from(indicatorCsvChunks(batches())),
  ),
);
