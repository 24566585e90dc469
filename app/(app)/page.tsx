import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { evaluationTotals, scopeCondition } from '@/db/queries/evaluation-list';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { landingPage } from '@/lib/workflow/landing';
import { queueStatuses } from '@/lib/workflow/state-machine';
import { pickYear } from '@/lib/years/pick-year';

/** Where each role's work is: 待办 for finance; for owners and heads when it holds something, else 项目. */
export default async function Home() {
  const user = await requireUser();
  const db = getDb();
  const year = pickYear(await listYears(db), undefined);
  const statuses = queueStatuses(user.role);
  const queued =
    year === null || statuses.length === 0
      ? 0
      : (await evaluationTotals(db, { where: scopeCondition({ user, year, statuses }) })).projects;
  redirect(landingPage(user.role, queued));
}
