import { addOtherDepartment } from './support/data';
import { completeDraft, type Detail } from './support/drafts';
import { expect, test } from './support/fixtures';
import { apiAs, callAction } from './support/http';
import type { APIRequestContext } from '@playwright/test';

/**
 * One "forbidden for role X" check per protected step, through HTTP: each server action is called
 * directly, as a forged request would, by every caller the rules refuse. The refusal code is asserted
 * and the evaluation is re-read to show nothing changed; then the allowed caller takes the step.
 */
const PROJECT = '法律顾问与审批服务经费';

test('every protected step refuses every caller the rules do not allow', async ({ server }) => {
  test.setTimeout(120_000);
  await addOtherDepartment(server.dataDir);
  const as: Record<string, APIRequestContext> = {};
  for (const u of ['owner1', 'owner2', 'head', 'otherhead', 'otherowner', 'finance', 'admin'])
    as[u] = await apiAs(server.url, u);
  as.anonymous = await apiAs(server.url, null);

  const list = await (await as.finance.get('/api/years/2024/evaluations')).json();
  const id: number = list.evaluations.find((e: { project: string }) => e.project === PROJECT).id;
  const page = `/evaluations/${id}`;
  const read = async (): Promise<Detail> => (await as.finance.get(`/api/evaluations/${id}`)).json();

  async function step(
    action: string,
    arg: (d: Detail) => unknown,
    refused: Record<string, 'forbidden' | 'state' | 'unauthenticated'>,
    allowed?: string,
  ) {
    for (const [caller, code] of Object.entries(refused)) {
      const before = await read();
      const result = await callAction(as[caller], page, action, arg(before));
      expect(result, `${action} by ${caller}`).toMatchObject({ ok: false, code });
      const after = await read();
      expect(after.version, `${action} by ${caller} changed nothing`).toBe(before.version);
      expect(after.status).toBe(before.status);
    }
    if (allowed) {
      const result = await callAction(as[allowed], page, action, arg(await read()));
      expect(result, `${action} by ${allowed}`).toMatchObject({ ok: true });
    }
  }
  const transition =
    (comment = '意见') =>
    (d: Detail) => ({ evaluationId: d.id, version: d.version, comment });
  const review = (d: Detail) => ({
    evaluationId: d.id,
    version: d.version,
    indicators: d.indicators.map((ind, i) => ({
      indicatorId: ind.id,
      score: i === 0 ? '1' : '',
      reason: i === 0 ? '复核' : '',
    })),
    budget: { score: '', reason: '' },
  });

  await step(
    'saveDraftAction',
    (d) => completeDraft(d),
    {
      anonymous: 'unauthenticated',
      owner2: 'forbidden',
      otherowner: 'forbidden',
      head: 'forbidden',
      finance: 'forbidden',
      admin: 'forbidden',
    },
    'owner1',
  );
  await step(
    'submitAction',
    transition(),
    { anonymous: 'unauthenticated', owner2: 'forbidden', head: 'forbidden', finance: 'forbidden', admin: 'forbidden' },
    'owner1',
  );
  await step(
    'returnAction',
    transition(),
    { owner1: 'forbidden', otherhead: 'forbidden', finance: 'state', admin: 'forbidden' },
    'head',
  );
  await step('submitAction', transition(), {}, 'owner1');
  await step(
    'approveAction',
    transition(),
    {
      anonymous: 'unauthenticated',
      owner1: 'forbidden',
      otherhead: 'forbidden',
      finance: 'forbidden',
      admin: 'forbidden',
    },
    'head',
  );
  await step('saveDraftAction', (d) => completeDraft(d), { owner1: 'state' });
  await step(
    'reviewScoresAction',
    review,
    { anonymous: 'unauthenticated', owner1: 'forbidden', head: 'forbidden', admin: 'forbidden' },
    'finance',
  );
  await step('returnAction', transition(), {
    owner1: 'forbidden',
    head: 'state',
    otherhead: 'forbidden',
    admin: 'forbidden',
  });
  await step(
    'finalizeAction',
    transition(),
    {
      anonymous: 'unauthenticated',
      owner1: 'forbidden',
      head: 'forbidden',
      otherhead: 'forbidden',
      admin: 'forbidden',
    },
    'finance',
  );

  // Finalised: locked for everyone, including the roles that acted on it before.
  await step('saveDraftAction', (d) => completeDraft(d), { owner1: 'state' });
  await step('reviewScoresAction', review, { finance: 'state' });
  await step('returnAction', transition(), { finance: 'state' });
  expect((await read()).status).toBe('finalized');
});

test('a stale version is a conflict, not an overwrite', async ({ server }) => {
  const owner = await apiAs(server.url, 'owner1');
  const list = await (await owner.get('/api/years/2024/evaluations')).json();
  const id: number = list.evaluations.find((e: { project: string }) => e.project === '三防专项经费').id;
  const detail: Detail = await (await owner.get(`/api/evaluations/${id}`)).json();
  const draft = completeDraft(detail);
  expect(await callAction(owner, `/evaluations/${id}`, 'saveDraftAction', draft)).toMatchObject({ ok: true });
  expect(
    await callAction(owner, `/evaluations/${id}`, 'saveDraftAction', { ...draft, goalActual: '旧版本上的修改' }),
  ).toMatchObject({ ok: false, code: 'conflict' });
  const after = await (await owner.get(`/api/evaluations/${id}`)).json();
  expect(after.goalActual).toBe('全年目标均已完成。');
});
