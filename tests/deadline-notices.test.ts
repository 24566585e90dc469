import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { updateYear } from '@/db/queries/years';
import { notifications } from '@/db/schema';
import { deadlineTurn } from '@/lib/notifications/deadline-job';
import { arrange, rowsOf } from './helpers';
import { testWorld } from './world';

const world = testWorld();

describe('the deadline-in-3-days notice', () => {
  it('tells each owner with open drafts once per year, from one instance at a time', async () => {
    const now = new Date('2024-12-20T02:00:00Z');
    const notices = () => rowsOf(world.db, notifications, eq(notifications.kind, 'deadline'));
    const setDeadline = (deadline: string) =>
      arrange(world.db, (tx) =>
        updateYear(tx, { year: 2024, changes: { scheme: 'national', status: 'open', deadline } }),
      );

    await setDeadline('2024-12-31');
    expect(await deadlineTurn({ db: world.db, holder: 'a', now })).toBe(0);

    await setDeadline('2024-12-22');
    expect(await deadlineTurn({ db: world.db, holder: 'b', now })).toBeNull();
    expect(await deadlineTurn({ db: world.db, holder: 'a', now })).toBe(2);
    const stored = await notices();
    expect(stored.map((n) => n.userId).sort()).toEqual([world.actors.owner1.id, world.actors.owner2.id].sort());
    expect(stored[0].message).toMatch(/^2024年度绩效自评将于 2024-12-22 截止（还剩 3 天），您还有 \d+ 项未提交$/);

    // Later turns (this instance's, or another's once the lease ran out) add nothing.
    expect(await deadlineTurn({ db: world.db, holder: 'a', now })).toBe(0);
    expect(await deadlineTurn({ db: world.db, holder: 'b', now: new Date(now.getTime() + 3_600_000) })).toBe(0);
    expect(await notices()).toHaveLength(2);
  });
});
