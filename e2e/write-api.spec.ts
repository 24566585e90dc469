import { addOtherDepartment, addTemporaryPasswordOwner } from './support/data';
import { completeDraft, demoWorkflow, type Detail } from './support/drafts';
import { expect, test } from './support/fixtures';
import { apiAs } from './support/http';
import type { APIRequestContext } from '@playwright/test';

/**
 * The JSON write API (docs/api.md) over real HTTP: the same gate as the pages, every route × every
 * kind of caller with each refusal's status asserted and nothing changed, versions, field messages,
 * and what a browser on another site or a non-JSON body gets.
 */
const PROJECT = '法律顾问与审批服务经费';
const CALLERS = ['anonymous', 'owner1', 'owner2', 'otherowner', 'head', 'otherhead', 'finance', 'admin', 'temporary'];

test('the write API: every route × every caller, versions, fields, origin and content type', async ({
  freshServer,
}) => {
  test.setTimeout(180_000);
  await addOtherDepartment(freshServer.dataDir);
  const temporary = await addTemporaryPasswordOwner(freshServer.dataDir);
  const as: Record<string, APIRequestContext> = {};
  for (const u of CALLERS.filter((c) => c !== 'anonymous' && c !== 'temporary'))
    as[u] = await apiAs(freshServer.url, u);
  as.anonymous = await apiAs(freshServer.url, null);
  // An owner whose password an administrator reset: refused everywhere until it is replaced.
  as.temporary = await apiAs(freshServer.url, temporary);
  const flow = await demoWorkflow(freshServer.url);
  const id = flow.idOf(PROJECT);
  const read = (): Promise<Detail> => flow.read(id);

  const send = (caller: string, method: 'PUT' | 'POST', url: string, data: unknown) =>
    as[caller].fetch(url, { method, data, headers: { 'content-type': 'application/json' } });

  /** Every caller but `allowed` (and `alsoAllowed`, not tried) is refused with its status and changes nothing; then `allowed` succeeds. */
  async function matrix(
    method: 'PUT' | 'POST',
    url: string,
    body: (d: Detail) => unknown,
    refused: Record<string, number>,
    allowed: string,
    alsoAllowed: string[] = [],
  ) {
    expect(Object.keys(refused).sort()).toEqual(
      CALLERS.filter((c) => c !== allowed && !alsoAllowed.includes(c)).sort(),
    );
    for (const [caller, status] of Object.entries(refused)) {
      const before = await read();
      const res = await send(caller, method, url, body(before));
      expect(res.status(), `${method} ${url} by ${caller}`).toBe(status);
      // The version sent is the current one: a 409 is the workflow's state, never a conflict.
      if (status === 409) expect((await res.json()).code).toBe('state');
      expect((await read()).version, `${url} by ${caller} changed nothing`).toBe(before.version);
    }
    const res = await send(allowed, method, url, body(await read()));
    expect(res.status(), `${method} ${url} by ${allowed}: ${await res.text()}`).toBe(200);
    return res.json();
  }
  /** `POST /api/batch/transitions` by every caller: the route refuses anonymous and temporary; every other item
   * but `allowed`'s is refused with its code (`codes`) and changes nothing; then `allowed`'s goes through. */
  async function batchMatrix(action: string, comment: string, codes: Record<string, string>, allowed: string) {
    const routeDenied: Record<string, number> = { anonymous: 401, temporary: 403 };
    expect(Object.keys(codes).sort()).toEqual(CALLERS.filter((c) => c !== allowed && !(c in routeDenied)).sort());
    const body = (d: Detail) => ({ action, comment, evaluations: [{ id: d.id, version: d.version }] });
    for (const caller of CALLERS.filter((c) => c !== allowed)) {
      const before = await read();
      const res = await send(caller, 'POST', '/api/batch/transitions', body(before));
      expect(res.status(), `batch ${action} by ${caller}`).toBe(routeDenied[caller] ?? 200);
      if (!(caller in routeDenied))
        expect((await res.json()).results, `batch ${action} by ${caller}`).toEqual([
          { id, ok: false, code: codes[caller], message: expect.any(String) },
        ]);
      expect((await read()).version, `batch ${action} by ${caller} changed nothing`).toBe(before.version);
    }
    const before = await read();
    const res = await send(allowed, 'POST', '/api/batch/transitions', body(before));
    expect(await res.json()).toEqual({
      results: [{ id, ok: true, status: expect.any(String), version: before.version + 1 }],
    });
  }
  const denied = { anonymous: 401, owner2: 403, otherowner: 403, otherhead: 403, temporary: 403 };

  // The owner's draft, partially: the budget and one indicator's actual.
  const first = await read();
  const quantitative = first.indicators.findIndex((i) => i.targetKind === 'quantitative');
  const saved = await matrix(
    'PUT',
    `/api/evaluations/${id}`,
    (d) => ({ version: d.version, budget: { executed: 30 }, goalActual: '全年目标均已完成。' }),
    { ...denied, head: 403, finance: 403, admin: 403 },
    'owner1',
  );
  expect(saved).toMatchObject({ version: first.version + 1, selfGrade: expect.any(String) });
  expect(saved.selfScore).toMatch(/^\d+\.\d{2}$/);

  // A stale version: 409 with the current version; a wrong field: 422 with the row's message.
  const stale = await send('owner1', 'PUT', `/api/evaluations/${id}`, { version: first.version, goalActual: '旧' });
  expect(stale.status()).toBe(409);
  expect(await stale.json()).toMatchObject({ code: 'conflict', version: saved.version });
  const wrong = await send('owner1', 'PUT', `/api/evaluations/${id}`, {
    version: saved.version,
    indicators: [{ indicatorId: first.indicators[quantitative].id, actual: '-3' }],
  });
  expect(wrong.status()).toBe(422);
  expect((await wrong.json()).fieldErrors).toEqual({ [`indicators.${quantitative}.value`]: '不能为负数' });
  const notFound = await send('owner1', 'PUT', '/api/evaluations/999999', { version: 1 });
  expect(notFound.status()).toBe(404);

  // Not JSON, or from another site's page: refused before anything is read.
  const form = await as.owner1.fetch(`/api/evaluations/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: `version=${saved.version}&goalActual=x`,
  });
  expect(form.status()).toBe(415);
  const crossSite = await as.owner1.fetch(`/api/evaluations/${id}/transitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    data: { action: 'submit', version: saved.version, comment: '' },
  });
  expect(crossSite.status()).toBe(403);
  expect((await read()).status).toBe('draft');

  // Fill the rest through the form's own action, then every step the route takes, each by every caller.
  await flow.act('owner1', id, 'saveDraftAction', completeDraft);
  const transition =
    (action: string, comment = '') =>
    (d: Detail) => ({ action, comment, version: d.version });
  const steps = `/api/evaluations/${id}/transitions`;
  const resubmit = async () =>
    expect((await send('owner1', 'POST', steps, transition('submit')(await read()))).status()).toBe(200);
  const ownerOnly = { ...denied, head: 403, finance: 403, admin: 403 };
  const headOnly = { ...denied, owner1: 403, finance: 403, admin: 403 };
  const financeOnly = { ...denied, owner1: 403, head: 403, admin: 403 };
  expect(await matrix('POST', steps, transition('submit'), ownerOnly, 'owner1')).toMatchObject({ status: 'submitted' });
  expect(await matrix('POST', steps, transition('withdraw'), ownerOnly, 'owner1')).toMatchObject({ status: 'draft' });
  await resubmit();
  // A return needs its reason: 422 naming the comment; 催办 is no step of this route.
  const bare = await send('head', 'POST', steps, transition('return')(await read()));
  expect(bare.status()).toBe(422);
  expect((await bare.json()).fieldErrors).toHaveProperty('comment');
  const remind = await send('head', 'POST', steps, transition('remind')(await read()));
  expect(remind.status()).toBe(422);
  expect((await remind.json()).fieldErrors).toHaveProperty('action');
  // Finance returns too, but only what the head has approved: 409 for the state.
  const returned = await matrix('POST', steps, transition('return', '请补充'), { ...headOnly, finance: 409 }, 'head');
  expect(returned).toMatchObject({ status: 'returned' });
  await resubmit();
  expect(await matrix('POST', steps, transition('approve', '同意'), headOnly, 'head')).toMatchObject({
    status: 'dept_approved',
  });

  // The batch: the route refuses who may not act at all; every other caller's item is refused on its own, with
  // its code, and changes nothing; then the one whose turn it is goes through.
  const everyoneElse = { owner1: 'forbidden', owner2: 'forbidden', otherowner: 'forbidden', otherhead: 'forbidden' };
  await batchMatrix('return', '请补充', { ...everyoneElse, head: 'state', admin: 'forbidden' }, 'finance');
  await resubmit();
  await batchMatrix('approve', '同意', { ...everyoneElse, finance: 'forbidden', admin: 'forbidden' }, 'head');

  // Finance's reviewed scores, then 定稿, 撤销定稿 and 退回重新评价 (a reason required for the last two).
  const review = (d: Detail) => ({
    version: d.version,
    indicators: [{ indicatorId: d.indicators[0].id, score: 0, reason: '佐证材料不足' }],
  });
  const reviewed = await matrix('PUT', `/api/evaluations/${id}/review`, review, financeOnly, 'finance');
  expect(reviewed).toMatchObject({ finalScore: expect.stringMatching(/^\d+\.\d{2}$/) });
  expect((await read()).indicators[0].reviewedScore).toBe('0.00');
  await matrix('POST', steps, transition('finalize'), financeOnly, 'finance');
  // A finalised one is reopened (or sent back) by finance, or an administrator (not tried), with a reason.
  const afterFinal = (action: string, comment: string) =>
    matrix('POST', steps, transition(action, comment), { ...denied, owner1: 403, head: 403 }, 'finance', ['admin']);
  expect(await afterFinal('reopen', '复核有误')).toMatchObject({ status: 'dept_approved' });
  await batchMatrix('finalize', '', { ...everyoneElse, head: 'forbidden', admin: 'forbidden' }, 'finance');
  expect(await afterFinal('reassess', '请重新评价')).toMatchObject({ status: 'returned' });

  // The inbox: owner1 heard of the approval; the reset password still cannot read it.
  const inbox = await (await as.owner1.get('/api/notifications')).json();
  expect(inbox.unread).toBeGreaterThan(0);
  expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['approved', 'reopened']));
  expect((await as.anonymous.get('/api/notifications')).status()).toBe(401);
  expect((await as.temporary.get('/api/notifications')).status()).toBe(403);
});
