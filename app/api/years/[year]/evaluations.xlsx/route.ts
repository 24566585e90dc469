import { PassThrough } from 'node:stream';
import { yearRoute } from '@/lib/auth/api';
import { downloadHeaders, XLSX_CONTENT_TYPE } from '@/lib/exports/download';
import { writeYearWorkbook } from '@/lib/exports/workbooks';
import { yearExportResponse } from '@/lib/exports/year-export';

export const dynamic = 'force-dynamic';

/** 汇总 and 指标明细, streamed; same filters as the overview and the project list. */
export const GET = yearRoute(async ({ db, user, year, req }) =>
  yearExportResponse(
    db,
    {
      user,
      year,
      req,
      headers: downloadHeaders({
        fileName: `${year}年度项目支出绩效自评.xlsx`,
        asciiFallback: `evaluations-${year}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
      }),
    },
    (batches) => {
      const output = new PassThrough();
      writeYearWorkbook({ year, batches }, output).catch((error: unknown) =>
        output.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      return output;
    },
  ),
);
