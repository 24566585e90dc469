import 'server-only';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { transaction, type Db } from '@/db';
import { takeLease } from '@/db/queries/leases';
import { ownersWithOpenWork } from '@/db/queries/notifications';
import { listYears } from '@/db/queries/years';
import { daysUntilDeadline } from '@/lib/overview/flags';
import { statusesFor } from '@/lib/workflow/state-machine';
import { scheduleMailDispatch } from './mail';
import { notify } from './notify';

/**
 * "Deadline in 3 days": once a year, each owner who still has drafts (or returned ones) of an open
 * year is told when its deadline is 3 days off or less. A job of one instance at a time (a lease in
 * the database, as the evidence sweep), run at start-up and every hour; the dedupe key makes the
 * notice once per owner and year however many turns or instances there are.
 */
export const DEADLINE_JOB = 'deadline-notices';
export const DEADLINE_NOTICE_DAYS = 3;
const INTERVAL_MS = 60 * 60 * 1000;
const LEASE_MS = INTERVAL_MS - 60 * 1000;

/** One turn: the number of notices stored, or null when another instance holds the job. */
export async function deadlineTurn({ db, holder, now = new Date() }: { db: Db; holder: string; now?: Date }) {
  const until = new Date(now.getTime() + LEASE_MS);
  const taken = await transaction(db, (tx) => takeLease(tx, { name: DEADLINE_JOB, holder, now, until }));
  if (!taken) return null;
  let stored = 0;
  for (const { year, status, deadline } of await listYears(db)) {
    if (status !== 'open' || deadline === null) continue;
    const days = daysUntilDeadline(deadline, now);
    if (days < 0 || days > DEADLINE_NOTICE_DAYS) continue;
    const owners = await ownersWithOpenWork(db, { year, statuses: statusesFor('submit') });
    stored += await transaction(db, (tx) =>
      notify(
        tx,
        owners.flatMap(({ ownerId, open }) =>
          ownerId === null
            ? []
            : [
                {
                  userId: ownerId,
                  kind: 'deadline' as const,
                  evaluationId: null,
                  message: `${year}年度绩效自评将于 ${deadline} 截止（还剩 ${days} 天），您还有 ${open} 项未提交`,
                  dedupeKey: `deadline:${year}`,
                },
              ],
        ),
      ),
    );
  }
  if (stored > 0) scheduleMailDispatch(db);
  return stored;
}

/** Starts the turns of this process (the server's instrumentation calls it once). */
export function startDeadlineNotices({ db }: { db: () => Db }): void {
  const holder = `${os.hostname()}:${process.pid}:${randomUUID()}`;
  const turn = async () => {
    try {
      await deadlineTurn({ db: db(), holder });
    } catch (error) {
      console.error('deadline notices failed', error);
    }
  };
  void turn();
  setInterval(() => void turn(), INTERVAL_MS).unref();
}
