import { refuseRequest, yearRoute } from '@/lib/auth/api';
import { loadOwnerEntryBundles } from '@/lib/entry/owner-bundles';
import { buildEntryWorkbook } from '@/lib/entry/write-workbook';
import { downloadResponse, XLSX_CONTENT_TYPE } from '@/lib/exports/download';

export const dynamic = 'force-dynamic';

/** An owner's one workbook for every project they may fill in this year, one sheet each. */
export const GET = yearRoute(async ({ db, user, year }) => {
  const found = await loadOwnerEntryBundles(db, { user, year });
  if (!found.ok) return refuseRequest(found);
  return downloadResponse(await buildEntryWorkbook(found.bundles), {
    fileName: `${year}年度绩效自评填报表-${user.displayName}.xlsx`,
    asciiFallback: `entry-${year}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
  });
});
