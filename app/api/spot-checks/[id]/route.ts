import { getDb } from '@/db';
import { findSpotCheck, spotCheckRows } from '@/db/queries/spot-checks';
import { fail } from '@/lib/action-state';
import { apiUser, refuseRequest } from '@/lib/auth/api';
import { checkCaller } from '@/lib/auth/gate';
import { csvDownload } from '@/lib/spot-check/export';
import { SPOT_CHECK } from '@/lib/workflow/state-machine';

export const dynamic = 'force-dynamic';

/** One 抽查复核 sample as CSV, in draw order (finance only). */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const user = await apiUser();
  if (user instanceof Response) return user;
  const caller = checkCaller(user, { roles: SPOT_CHECK.roles });
  if (!caller.ok) return refuseRequest(caller);
  const db = getDb();
  const id = Number((await ctx.params).id);
  const check = Number.isInteger(id) && id > 0 ? await findSpotCheck(db, { id }) : undefined;
  if (!check) return refuseRequest(fail('not_found', '找不到该抽查'));
  return csvDownload(check, await spotCheckRows(db, { spotCheckId: id }));
}
