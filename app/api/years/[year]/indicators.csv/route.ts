import { getDb } from '@/db';
import { loadYearBundles } from '@/db/queries/evaluations';
import { apiYear } from '@/lib/auth/api';
import { CSV_CONTENT_TYPE, downloadHeaders } from '@/lib/exports/download';
import { buildIndicatorsCsv } from '@/lib/exports/indicators-csv';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ year: string }> }) {
  const db = getDb();
  const found = await apiYear(db, (await ctx.params).year);
  if (found instanceof Response) return found;
  const { user, year } = found;
  const csv = buildIndicatorsCsv(await loadYearBundles(db, { user, year }));
  return new Response(csv, {
    headers: downloadHeaders({
      fileName: `${year}年度绩效指标自评明细.csv`,
      asciiFallback: `indicators-${year}.csv`,
      contentType: CSV_CONTENT_TYPE,
    }),
  });
}
