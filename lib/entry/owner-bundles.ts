import 'server-only';
import type { Db } from '@/db';
import { loadYearBundles, type EvaluationBundle } from '@/db/queries/evaluations';
import { fail, type Failure } from '@/lib/action-state';
import type { SessionUser } from '@/lib/auth/scope';
import { workflowScope } from '@/lib/evaluations/authorize';
import { decide, rolesFor } from '@/lib/workflow/state-machine';

/** The evaluations of a year an owner may save now: what their multi-project entry workbook holds. */
export async function loadOwnerEntryBundles(
  db: Db,
  { user, year }: { user: SessionUser; year: number },
): Promise<{ ok: true; bundles: EvaluationBundle[] } | Failure> {
  if (!rolesFor('save').includes(user.role)) return fail('forbidden', '只有项目负责人可以下载填报表');
  const bundles = (await loadYearBundles(db, { user, year })).filter(
    (bundle) => decide(user, workflowScope(bundle), 'save').allowed,
  );
  return bundles.length > 0 ? { ok: true, bundles } : fail('not_found', '本年度没有可以填报的项目');
}
