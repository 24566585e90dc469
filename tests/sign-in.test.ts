import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIns, users } from '@/db/schema';
import { checkCredentials } from '@/lib/auth/sign-in';
import { ADDRESS_RULE, addressRule, PAIR_RULE, pauseAfter } from '@/lib/auth/throttle';
import { seedDemo } from '@/lib/seed';
import { arrange, tempDatabase, type TempDatabase } from './helpers';

let temp: TempDatabase;
beforeEach(async () => {
  temp = await tempDatabase();
  await seedDemo(temp.db);
});
afterEach(() => temp.cleanup());

const ATTACKER = '203.0.113.66';
const OFFICE = '198.51.100.7';
const T0 = new Date('2026-12-01T09:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const attempt = (username: string, password: string, { ip = OFFICE, now = T0 }: { ip?: string; now?: Date } = {}) =>
  checkCredentials(temp.db, { username, password, ip, userAgent: 'vitest', now });

/** Wrong passwords for `username` from `ip` at `now` until the pair is paused; how many it took. */
async function guessUntilPaused(username: string, ip: string, now: Date) {
  for (let n = 1; n <= 100; n++) {
    const outcome = await attempt(username, `guess-${n}`, { ip, now });
    if ('retryAfterSeconds' in outcome && outcome.retryAfterSeconds !== undefined) return n - 1;
  }
  throw new Error('never paused');
}

describe('sign-in checks', () => {
  it('accepts the right password, refuses a wrong one and an unknown user, and records each attempt', async () => {
    expect(await attempt('owner1', 'demo1234')).toMatchObject({ ok: true, user: { displayName: '张伟' } });
    expect(await attempt('owner1', 'wrong')).toEqual({ ok: false });
    expect(await attempt('nobody', 'demo1234')).toEqual({ ok: false });
    const history = await temp.db.select().from(signIns);
    expect(history.map((h) => [h.username, h.success, h.ip])).toEqual([
      ['owner1', true, OFFICE],
      ['owner1', false, OFFICE],
      ['nobody', false, OFFICE],
    ]);
  });

  it('refuses a deactivated user even with the right password', async () => {
    await arrange(temp.db, (tx) => tx.update(users).set({ active: false }).where(eq(users.username, 'owner2')));
    expect(await attempt('owner2', 'demo1234')).toEqual({ ok: false });
  });
});

describe('sign-in throttling', () => {
  it('pauses a username at one address after its free attempts, for longer after each further failure', async () => {
    expect(await guessUntilPaused('admin', ATTACKER, T0)).toBe(PAIR_RULE.free + 1);
    // Paused for the first pause, even for the right password.
    expect(await attempt('admin', 'demo1234', { ip: ATTACKER, now: at(29) })).toEqual({
      ok: false,
      retryAfterSeconds: 1,
    });
    // After it, one more failure pauses twice as long, then four times.
    expect(await attempt('admin', 'again', { ip: ATTACKER, now: at(30) })).toEqual({ ok: false });
    expect(await attempt('admin', 'again', { ip: ATTACKER, now: at(31) })).toEqual({
      ok: false,
      retryAfterSeconds: 59,
    });
    expect(await attempt('admin', 'again', { ip: ATTACKER, now: at(90) })).toEqual({ ok: false });
    expect(await attempt('admin', 'demo1234', { ip: ATTACKER, now: at(91) })).toMatchObject({
      retryAfterSeconds: 119,
    });
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => pauseAfter(PAIR_RULE.free + n, PAIR_RULE) / 1000)).toEqual([
      30, 60, 120, 240, 480, 900, 900, 900,
    ]);
  });

  it('never counts an attempt made while paused: knocking now and then does not extend the pause', async () => {
    await guessUntilPaused('admin', ATTACKER, T0);
    for (let s = 1; s < 30; s += 3) await attempt('admin', 'knock', { ip: ATTACKER, now: at(s) });
    // Not checked, so not in the history either: only the attempts that were checked are.
    expect(await temp.db.$count(signIns)).toBe(PAIR_RULE.free + 1);
    // The pause ends when it was due to end, and the right password lets the user in.
    expect(await attempt('admin', 'demo1234', { ip: ATTACKER, now: at(30) })).toMatchObject({ ok: true });
  });

  it('lets the real user in from their own address while an attacker is paused elsewhere', async () => {
    await guessUntilPaused('admin', ATTACKER, T0);
    expect(await attempt('admin', 'demo1234', { ip: ATTACKER, now: at(1) })).toMatchObject({ ok: false });
    expect(await attempt('admin', 'demo1234', { ip: OFFICE, now: at(1) })).toMatchObject({ ok: true });
  });

  it('limits one address across usernames: one password tried on many accounts is paused too', async () => {
    const names = ['admin', 'finance', 'head', 'owner1', 'owner2', 'nobody'];
    for (let i = 0; i < ADDRESS_RULE.free + 1; i++)
      expect(await attempt(names[i % names.length], 'Passw0rd!', { ip: ATTACKER, now: at(i) })).toEqual({
        ok: false,
      });
    // Every username is paused from that address, none of them from another.
    const paused = await attempt('owner1', 'demo1234', { ip: ATTACKER, now: at(30) });
    expect(paused).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect(await attempt('owner1', 'demo1234', { ip: OFFICE, now: at(30) })).toMatchObject({ ok: true });
  });

  it('a successful sign-in starts the username afresh at that address', async () => {
    for (let i = 0; i < PAIR_RULE.free; i++) await attempt('head', `typo-${i}`);
    expect(await attempt('head', 'demo1234')).toMatchObject({ ok: true });
    for (let i = 0; i < PAIR_RULE.free; i++) expect(await attempt('head', `typo-again-${i}`)).toEqual({ ok: false });
  });

  it('counts a burst of parallel attempts before checking any of them', async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt('finance', `burst-${i}`, { ip: ATTACKER })),
    );
    expect(burst.filter((o) => 'retryAfterSeconds' in o).length).toBe(12 - PAIR_RULE.free - 1);
    expect(await temp.db.$count(signIns)).toBe(PAIR_RULE.free + 1);
  });
});

describe('the address rule under SIGN_IN_FREE_PER_ADDRESS', () => {
  it('raises the free failures of one address, and ignores a value that is not a positive integer', () => {
    expect(addressRule({ SIGN_IN_FREE_PER_ADDRESS: '500' })).toEqual({ ...ADDRESS_RULE, free: 500 });
    for (const bad of [undefined, '', '0', '-3', '2.5', 'many'])
      expect(addressRule({ SIGN_IN_FREE_PER_ADDRESS: bad })).toEqual(ADDRESS_RULE);
  });
});
