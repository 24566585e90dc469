import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordSignIn } from '@/db/queries/users';
import { auditLog, users } from '@/db/schema';
import { changePasswordOperation } from '@/lib/account/change-password';
import { describeUserAgent, signInHistory } from '@/lib/account/sign-ins';
import { resetUserPasswordOperation } from '@/lib/admin/user-access';
import { verifyPassword } from '@/lib/auth/password';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { arrange, rowOf, rowsOf } from './helpers';
import { completeDraft, testWorld } from './world';

const world = testWorld();

const stored = (id: number) => rowOf(world.db, users, eq(users.id, id));
const lastAuditOf = async (actorId: number) =>
  (await rowsOf(world.db, auditLog, eq(auditLog.actorId, actorId))).at(-1)!;
const change = (currentPassword: string, newPassword: string, confirmPassword = newPassword) => ({
  currentPassword,
  newPassword,
  confirmPassword,
});

describe('changePassword', () => {
  for (const who of ['owner1', 'head', 'finance', 'admin'] as const) {
    it(`lets ${who} change their own password, audited without the password`, async () => {
      const actor = world.actors[who];
      const result = await world.run(changePasswordOperation, actor, change('demo1234', `${who}-new-pass`));
      expect(result).toMatchObject({ ok: true, message: '密码已修改' });
      expect(await verifyPassword(`${who}-new-pass`, (await stored(actor.id)).passwordHash)).toBe(true);
      const entry = await lastAuditOf(actor.id);
      expect(entry).toMatchObject({
        entityType: 'user',
        entityId: actor.id,
        action: 'change_password',
        field: '密码',
        oldValue: null,
        newValue: '已修改',
      });
      expect(JSON.stringify(entry)).not.toContain('new-pass');
    });
  }

  const refusals: Array<[string, ReturnType<typeof change>, string, string]> = [
    ['a wrong current password', change('wrong-password', 'another-pass'), 'currentPassword', '当前密码不正确'],
    ['an empty current password', change('', 'another-pass'), 'currentPassword', '请输入当前密码'],
    ['a short new password', change('demo1234', 'short7!'), 'newPassword', '新密码至少需要 8 个字符'],
    ['an empty new password', change('demo1234', '', ''), 'newPassword', '请输入新密码'],
    [
      'a mismatched confirmation',
      change('demo1234', 'another-pass', 'another-pas'),
      'confirmPassword',
      '两次输入的新密码不一致',
    ],
    ['the same password again', change('demo1234', 'demo1234'), 'newPassword', '新密码不能与当前密码相同'],
  ];
  for (const [name, input, field, message] of refusals) {
    it(`refuses ${name} with a Chinese field message, keeping the old password`, async () => {
      const actor = world.actors.owner2;
      const result = await world.run(changePasswordOperation, actor, input);
      expect(result).toMatchObject({ ok: false, code: 'invalid' });
      if (!result.ok) expect(result.fieldErrors?.[field]).toBe(message);
      expect(await verifyPassword('demo1234', (await stored(actor.id)).passwordHash)).toBe(true);
    });
  }

  it('refuses anonymous callers and deactivated users', async () => {
    expect(await world.run(changePasswordOperation, null, change('demo1234', 'another-pass'))).toMatchObject({
      ok: false,
      code: 'unauthenticated',
    });
    const { otherowner } = world.actors;
    await arrange(world.db, (tx) => tx.update(users).set({ active: false }).where(eq(users.id, otherowner.id)));
    expect(await world.run(changePasswordOperation, otherowner, change('demo1234', 'another-pass'))).toMatchObject({
      ok: false,
      code: 'unauthenticated',
    });
    expect(await verifyPassword('demo1234', (await stored(otherowner.id)).passwordHash)).toBe(true);
  });

  it('is the one thing a user with a temporary password can do, and it ends the temporary state', async () => {
    const { otherhead, admin } = world.actors;
    expect(
      await world.run(
        resetUserPasswordOperation,
        { ...admin, mustChangePassword: false },
        { userId: otherhead.id, temporaryPassword: 'Temp-1234' },
      ),
    ).toMatchObject({ ok: true });
    const session = { ...otherhead, mustChangePassword: true };
    const id = await world.evaluationOf('三防专项经费');
    expect(
      await world.run(
        saveDraftOperation,
        { ...world.actors.owner1, mustChangePassword: true },
        await completeDraft(world, id),
      ),
    ).toMatchObject({ ok: false, code: 'forbidden', message: '请先修改初始密码' });
    expect(await world.run(changePasswordOperation, session, change('demo1234', 'another-pass'))).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: '当前密码不正确' },
    });
    expect(await world.run(changePasswordOperation, session, change('Temp-1234', 'my-own-pass'))).toMatchObject({
      ok: true,
    });
    expect((await stored(otherhead.id)).mustChangePassword).toBe(false);
    const entry = await lastAuditOf(otherhead.id);
    expect(entry.newValue).toBe('已修改（替换临时密码）');
  });
});

describe('sign-in history', () => {
  it('names the browser and system of common User-Agent headers', async () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 126 · Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
      ),
    ).toBe('Edge 126 · Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      ),
    ).toBe('Safari 17 · macOS');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003129) NetType/WIFI Language/zh_CN',
      ),
    ).toBe('微信 8 · iOS');
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0')).toBe(
      'Firefox 127 · Linux',
    );
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
      ),
    ).toBe('Headless Chrome 140 · Linux');
    expect(describeUserAgent(null)).toBe('未知');
    expect(describeUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
  });

  it('lists the 10 most recent attempts of one user, newest first, with the first forwarded address', async () => {
    const { head, owner1 } = world.actors;
    for (let i = 0; i < 12; i++) {
      await arrange(world.db, (tx) =>
        recordSignIn(tx, {
          userId: head.id,
          username: 'head',
          success: i % 3 !== 0,
          ip: i === 11 ? '10.0.0.7, 172.16.0.1' : null,
          userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/126.0 Safari/537.36',
        }),
      );
    }
    const other = { userId: owner1.id, username: 'owner1', success: true, ip: '10.9.9.9', userAgent: null };
    await arrange(world.db, (tx) => recordSignIn(tx, other));
    const rows = await signInHistory(world.db, { userId: head.id });
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ ip: '10.0.0.7', browser: 'Chrome 126 · Windows', success: true });
    expect(rows[1]).toMatchObject({ ip: '—', success: true });
    expect(rows.filter((r) => !r.success)).toHaveLength(3);
    expect(rows[0].time).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(rows.some((r) => r.ip === '10.9.9.9')).toBe(false);
  });
});
