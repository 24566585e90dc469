import { PassThrough } from 'node:stream';
import { XLSX_CONTENT_TYPE } from '@/lib/exports/download';
import { writeYearWorkbook } from '@/lib/exports/workbooks';
import { yearExportRoute } from '@/lib/exports/year-export';

export const dynamic = 'force-dynamic';

/** 汇总 and 指标明细, streamed; same filters as the overview and the project list. */
export const GET = yearExportRoute({
  fileName: (year) => `${year}年度项目支出绩效自评.xlsx`,
  asciiFallback: (year) => `evaluations-${year}.xlsx`,
  contentType: XLSX_CONTENT_TYPE,
  body: ({ year, batches }) => {
    const output = new PassThrough();
    writeYearWorkbook({ year, batches }, output).catch((error: unknown) =>
      output.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return output;
  },
});
