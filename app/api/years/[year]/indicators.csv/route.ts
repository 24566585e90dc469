import { getDb } from '@/db';
import { getCurrentUser } from '@/lib/auth/session';
import { CSV_CONTENT_TYPE, downloadHeaders } from '@/lib/exports/download';
import { buildIndicatorsCsv } from '@/lib/exports/indicators-csv';
import { existingYear, loadYearBundles } from '@/lib/exports/load-year';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ year: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: '未登录' }, { status: 401 });
  const db = getDb();
  const year = existingYear(db, (await ctx.params).year);
  if (year === null) return Response.json({ error: '没有该年度' }, { status: 404 });
  const csv = buildIndicatorsCsv(loadYearBundles(db, { user, year }));
  return new Response(csv, {
    headers: downloadHeaders({ fileName: `${year}年度绩效指标自评明细.csv`, asciiFallback: `indicators-${year}.csv`, contentType: CSV_CONTENT_TYPE }),
  });
}
