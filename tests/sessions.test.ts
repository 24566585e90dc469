import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { changePasswordOperation } from '@/lib/account/change-password';
import { signOutEverywhereOperation } from '@/lib/account/sign-out-everywhere';
import { deactivateUserOperation, reactivateUserOperation } from '@/lib/admin/user-access';
import { updateUserOperation } from '@/lib/admin/users';
import { atCurrentVersion, rowOf } from './helpers';
import { CALLERS, sessionOf, testWorld } from './world';

/**
 * A session is valid while its token's version equals users.session_version (lib/auth/session.ts):
 * each event that must end a user's sessions moves it on, and nothing else does.
 */
const world = testWorld({ each: true });

const sessionVersion = async (username: string) =>
  (await rowOf(world.db, users, eq(users.username, username))).sessionVersion;

async function expectEnds(username: string, work: () => Promise<{ ok: boolean }>) {
  const before = await sessionVersion(username);
  expect(await work()).toMatchObject({ ok: true });
  expect(await sessionVersion(username)).toBe(before + 1);
}

describe('sessions end when they should', () => {
  it('changing one’s own password ends every session of that user only', async () => {
    const others = await sessionVersion('owner2');
    await expectEnds('owner1', () =>
      world.run(changePasswordOperation, world.actors.owner1, {
        currentPassword: 'demo1234',
        newPassword: 'owner1-new-pass',
        confirmPassword: 'owner1-new-pass',
      }),
    );
    expect(await sessionVersion('owner2')).toBe(others);
  });

  it('退出所有设备 ends every session of the caller, with a temporary password too', async () => {
    await expectEnds('head', () => world.run(signOutEverywhereOperation, world.actors.head, {}));
    await expectEnds('finance', () =>
      world.run(signOutEverywhereOperation, { ...world.actors.finance, mustChangePassword: true }, {}),
    );
  });

  it('退出所有设备 is refused to anonymous callers, and every signed-in caller ends only their own', async () => {
    expect(await world.run(signOutEverywhereOperation, null, {})).toMatchObject({ ok: false, code: 'unauthenticated' });
    for (const caller of CALLERS.filter((c) => c !== 'anonymous')) {
      const before = await Promise.all(CALLERS.filter((c) => c !== 'anonymous').map(sessionVersion));
      expect(await world.run(signOutEverywhereOperation, sessionOf(world, caller), {})).toMatchObject({ ok: true });
      const after = await Promise.all(CALLERS.filter((c) => c !== 'anonymous').map(sessionVersion));
      const moved = CALLERS.filter((c) => c !== 'anonymous').filter((_, i) => after[i] !== before[i]);
      expect(moved).toEqual([caller]);
    }
  });

  it('deactivation ends the sessions, and reactivation does not bring them back', async () => {
    const { id } = world.actors.owner2;
    await expectEnds('owner2', () => world.run(deactivateUserOperation, world.actors.admin, { userId: id }));
    const ended = await sessionVersion('owner2');
    expect(await world.run(reactivateUserOperation, world.actors.admin, { userId: id })).toMatchObject({ ok: true });
    expect(await sessionVersion('owner2')).toBe(ended);
  });

  it('a change of role or department ends the sessions; a new display name alone does not', async () => {
    const { otherhead, head } = world.actors;
    const edit = async (changes: object) =>
      world.run(
        updateUserOperation,
        world.actors.admin,
        await atCurrentVersion(world.db, 'user', otherhead.id, {
          userId: otherhead.id,
          displayName: otherhead.displayName,
          role: 'dept_head',
          departmentId: otherhead.departmentId,
          ...changes,
        }),
      );
    const before = await sessionVersion('otherhead');
    expect(await edit({ displayName: '新名字' })).toMatchObject({ ok: true });
    expect(await sessionVersion('otherhead')).toBe(before);
    await expectEnds('otherhead', () => edit({ displayName: '新名字', departmentId: head.departmentId }));
    await expectEnds('otherhead', () => edit({ displayName: '新名字', role: 'finance', departmentId: '' }));
  });
});
