import 'server-only';
import { getDb } from '@/db';
import { listYears } from '@/db/queries/years';
import type { Role } from '@/db/schema';
import { requireUser } from '@/lib/auth/session';
import { paramOf, type SearchParams } from '@/lib/lists/list-params';
import { pickYear } from './pick-year';

/**
 * What every page of a year's lists starts from: the signed-in user (refused unless of `roles`), the
 * database, the years, the URL's query and the year it asks for (`?year=`, else the one pickYear picks).
 */
export async function yearPageContext<P extends SearchParams>(searchParams: Promise<P>, roles?: readonly Role[]) {
  const user = await requireUser(roles);
  const db = getDb();
  const years = await listYears(db);
  const params = await searchParams;
  return { user, db, years, params, year: pickYear(years, paramOf(params, 'year')) };
}
