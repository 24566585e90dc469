import { loadYearBundles } from '@/db/queries/evaluations';
import { yearRoute } from '@/lib/auth/api';
import { CSV_CONTENT_TYPE, downloadHeaders } from '@/lib/exports/download';
import { buildIndicatorsCsv } from '@/lib/exports/indicators-csv';

export const dynamic = 'force-dynamic';

export const GET = yearRoute(async ({ db, user, year }) => {
  const csv = buildIndicatorsCsv(await loadYearBundles(db, { user, year }));
  return new Response(csv, {
    headers: downloadHeaders({
      fileName: `${year}年度绩效指标自评明细.csv`,
      asciiFallback: `indicators-${year}.csv`,
      contentType: CSV_CONTENT_TYPE,
    }),
  });
});
