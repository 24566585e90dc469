import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIns, users } from '@/db/schema';
import { checkCredentials, MAX_FAILURES } from '@/lib/auth/sign-in';
import { seedDemo } from '@/lib/seed';
import { arrange, tempDatabase } from './helpers';

let temp: ReturnType<typeof tempDatabase>;
beforeEach(async () => {
  temp = tempDatabase();
  await seedDemo(temp.db);
});
afterEach(() => temp.cleanup());

const attempt = (username: string, password: string, now?: Date) =>
  checkCredentials(temp.db, { username, password, ip: null, userAgent: 'vitest', now });

describe('sign-in checks', () => {
  it('accepts the right password, refuses a wrong one and an unknown user, and records each attempt', async () => {
    expect(await attempt('owner1', 'demo1234')).toMatchObject({ ok: true, user: { displayName: '张伟' } });
    expect(await attempt('owner1', 'wrong')).toEqual({ ok: false, lockedOut: false });
    expect(await attempt('nobody', 'demo1234')).toEqual({ ok: false, lockedOut: false });
    expect(await temp.db.$count(signIns)).toBe(3);
  });

  it('refuses a deactivated user even with the right password', async () => {
    await arrange(temp.db, (tx) => tx.update(users).set({ active: false }).where(eq(users.username, 'owner2')));
    expect(await attempt('owner2', 'demo1234')).toEqual({ ok: false, lockedOut: false });
  });

  it(`pauses a username after ${MAX_FAILURES} wrong passwords, even for the right one, for 15 minutes`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await attempt('head', `guess-${i}`);
    expect(await attempt('head', 'demo1234')).toEqual({ ok: false, lockedOut: true });
    expect(await attempt('owner1', 'demo1234')).toMatchObject({ ok: true });
    const later = new Date(Date.now() + 16 * 60_000);
    expect(await attempt('head', 'demo1234', later)).toMatchObject({ ok: true });
  });
});
