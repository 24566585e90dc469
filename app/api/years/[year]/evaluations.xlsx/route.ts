import { PassThrough, Readable } from 'node:stream';
import { loadYearBundles } from '@/db/queries/evaluations';
import { yearRoute } from '@/lib/auth/api';
import { downloadHeaders, XLSX_CONTENT_TYPE } from '@/lib/exports/download';
import { writeYearWorkbook } from '@/lib/exports/workbooks';

export const dynamic = 'force-dynamic';

export const GET = yearRoute(async ({ db, user, year }) => {
  // Read everything first, so the file is one consistent snapshot however long the download takes.
  const bundles = await loadYearBundles(db, { user, year });
  const output = new PassThrough();
  writeYearWorkbook({ year, bundles }, output).catch((error: unknown) =>
    output.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return new Response(Readable.toWeb(output) as ReadableStream<Uint8Array>, {
    headers: downloadHeaders({
      fileName: `${year}年度项目支出绩效自评.xlsx`,
      asciiFallback: `evaluations-${year}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
    }),
  });
});
