import { pdfFile } from '../tests/evidence-files';
import { addOtherDepartment } from './support/data';
import { completeDraft, type Detail } from './support/drafts';
import { uploadAs } from './support/evidence';
import { expect, test } from './support/fixtures';
import { apiAs, callAction } from './support/http';
import type { TestServer } from './support/server';
import type { APIRequestContext } from '@playwright/test';

/**
 * One "forbidden for role X" check per protected step, through HTTP: each server action is called
 * directly, as a forged request would, by every caller the rules refuse. The refusal code is asserted
 * and the evaluation is re-read to show nothing changed; then the allowed caller takes the step.
 */
const PROJECT = '法律顾问与审批服务经费';

/** A signed-in client for every kind of caller, the other department's people included. */
async function everyCaller(server: TestServer): Promise<Record<string, APIRequestContext>> {
  await addOtherDepartment(server.dataDir);
  const as: Record<string, APIRequestContext> = {};
  for (const u of ['owner1', 'owner2', 'head', 'otherhead', 'otherowner', 'finance', 'admin'])
    as[u] = await apiAs(server.url, u);
  as.anonymous = await apiAs(server.url, null);
  return as;
}

test('every protected step refuses every caller the rules do not allow', async ({ server }) => {
  test.setTimeout(120_000);
  const as = await everyCaller(server);

  const list = await (await as.finance.get('/api/years/2024/evaluations')).json();
  const id: number = list.items.find((e: { project: string }) => e.project === PROJECT).id;
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

  // 抽查复核 (the sample is drawn from the evaluation finalised above): finance's only, page, action and CSV alike.
  const draw = { year: 2024, mode: 'count', amount: 1, seed: 'forbidden' };
  const drawn = await callAction(as.finance, '/admin/spot-checks', 'drawSpotCheckAction', draw);
  expect(drawn).toMatchObject({ ok: true, data: { drawn: [id] } });
  const checkId = (drawn as unknown as { data: { spotCheckId: number } }).data.spotCheckId;
  const csv = await as.finance.get(`/api/spot-checks/${checkId}`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(PROJECT);
  for (const caller of ['anonymous', 'owner1', 'owner2', 'otherowner', 'head', 'otherhead', 'admin']) {
    const denied = caller === 'anonymous' ? 'unauthenticated' : 'forbidden';
    expect(await callAction(as[caller], '/admin/spot-checks', 'drawSpotCheckAction', draw), caller).toMatchObject({
      ok: false,
      code: denied,
    });
    expect((await as[caller].get(`/api/spot-checks/${checkId}`)).status(), caller).toBe(
      caller === 'anonymous' ? 401 : 403,
    );
    const page = await as[caller].get('/admin/spot-checks', { maxRedirects: 0 });
    expect(page.status(), `/admin/spot-checks for ${caller}`).toBe(caller === 'anonymous' ? 307 : 403);
  }
  expect((await as.finance.get('/api/spot-checks/99999')).status()).toBe(404);
});

test('a stale version is a conflict, not an overwrite', async ({ server }) => {
  const owner = await apiAs(server.url, 'owner1');
  const list = await (await owner.get('/api/years/2024/evaluations')).json();
  const id: number = list.items.find((e: { project: string }) => e.project === '三防专项经费').id;
  const detail: Detail = await (await owner.get(`/api/evaluations/${id}`)).json();
  const draft = completeDraft(detail);
  expect(await callAction(owner, `/evaluations/${id}`, 'saveDraftAction', draft)).toMatchObject({ ok: true });
  expect(
    await callAction(owner, `/evaluations/${id}`, 'saveDraftAction', { ...draft, goalActual: '旧版本上的修改' }),
  ).toMatchObject({ ok: false, code: 'conflict' });
  const after = await (await owner.get(`/api/evaluations/${id}`)).json();
  expect(after.goalActual).toBe('全年目标均已完成。');
});

test('the evidence routes refuse every caller the rules do not allow, in every state', async ({ server }) => {
  test.setTimeout(120_000);
  const as = await everyCaller(server);
  // A finance account whose temporary password is unchanged: it reads everything once the password is replaced.
  const created = { username: 'tempfinance', displayName: '临时财政', role: 'finance', departmentId: '' };
  expect(
    await callAction(as.admin, '/admin/users', 'createUserAction', { ...created, temporaryPassword: 'Temp-2024-cz' }),
  ).toMatchObject({ ok: true });
  as.temporary = await apiAs(server.url, 'tempfinance', 'Temp-2024-cz');
  const temporaryList = await as.temporary.get('/api/years/2024/evaluations');
  expect(temporaryList.status()).toBe(403);
  expect((await temporaryList.json()).error).toBe('请先修改初始密码');

  const list = await (await as.owner1.get('/api/years/2024/evaluations')).json();
  const id: number = list.items.find((e: { project: string }) => e.project === '执法检查事故调查处理经费').id;
  const items = async () => (await (await as.finance.get(`/api/evaluations/${id}/attachments`)).json()).items;
  const read = async (): Promise<Detail> => (await as.finance.get(`/api/evaluations/${id}`)).json();
  const pdf = (name: string) => [{ name, mimeType: 'application/pdf', buffer: pdfFile(name) }];
  const statusOf = (res: { status(): number }) => res.status();

  /** Each caller's status for a request; every refusal leaves the evaluation's evidence as it was. */
  async function expectStatuses(what: string, send: (ctx: APIRequestContext) => Promise<unknown>, wanted: object) {
    for (const [caller, status] of Object.entries(wanted)) {
      const before = await items();
      const res = (await send(as[caller])) as { status(): number; json(): Promise<{ error?: string }> };
      expect(statusOf(res), `${what} by ${caller}`).toBe(status);
      if (status >= 400) {
        expect(await items(), `${what} by ${caller} changed nothing`).toEqual(before);
        expect((await res.json()).error, `${what} by ${caller} says why`).toBeTruthy();
      }
    }
  }
  const upload =
    (files = pdf('新增.pdf')) =>
    (ctx: APIRequestContext) =>
      uploadAs(ctx, id, files);
  const remove = (attachmentId: number) => (ctx: APIRequestContext) => ctx.delete(`/api/attachments/${attachmentId}`);
  const REFUSED_WHATEVER_THE_STATE = { anonymous: 401, owner2: 403, otherowner: 403, otherhead: 403, temporary: 403 };
  // Neither the head nor the administrator ever changes evidence.
  const NEVER_CHANGES = { ...REFUSED_WHATEVER_THE_STATE, head: 403, admin: 403 };

  // 草稿: the owner adds and removes; everyone else is refused, finance for the state (it adds while reviewing).
  await expectStatuses('upload at 草稿', upload(), { ...NEVER_CHANGES, finance: 409 });
  const added = await uploadAs(as.owner1, id, pdf('台账.pdf'));
  expect(added.status()).toBe(201);
  const [ownerItem] = (await added.json()).items;
  const crossSite = await as.owner1.post(`/api/evaluations/${id}/attachments`, {
    headers: { Origin: 'https://evil.example' },
    multipart: { file: { name: 'x.pdf', mimeType: 'application/pdf', buffer: pdfFile() } },
  });
  expect(crossSite.status()).toBe(403);
  expect((await as.owner1.post(`/api/evaluations/${id}/attachments`, { data: { file: 'x' } })).status()).toBe(422);
  expect((await uploadAs(as.owner1, id, pdf('x.pdf'), { indicatorId: '999999' })).status()).toBe(422);
  expect((await as.owner1.get(`/api/evaluations/999999/attachments`)).status()).toBe(404);

  const readers = { owner1: 200, head: 200, finance: 200, admin: 200 };
  await expectStatuses('list', (ctx) => ctx.get(`/api/evaluations/${id}/attachments`), {
    ...REFUSED_WHATEVER_THE_STATE,
    ...readers,
  });
  await expectStatuses('download', (ctx) => ctx.get(`/api/attachments/${ownerItem.id}`), {
    ...REFUSED_WHATEVER_THE_STATE,
    ...readers,
  });
  await expectStatuses('bundle.zip', (ctx) => ctx.get(`/api/evaluations/${id}/bundle.zip`), {
    ...REFUSED_WHATEVER_THE_STATE,
    ...readers,
  });
  expect((await as.head.get(`/api/attachments/${ownerItem.id + 1000}`)).status()).toBe(404);
  await expectStatuses('remove at 草稿', remove(ownerItem.id), { ...NEVER_CHANGES, finance: 403 });

  async function takeSteps(steps: ReadonlyArray<readonly [string, string]>) {
    for (const [action, caller] of steps) {
      const d = await read();
      const arg =
        action === 'saveDraftAction'
          ? completeDraft(d)
          : { evaluationId: d.id, version: d.version, comment: '补充材料' };
      expect(await callAction(as[caller], `/evaluations/${id}`, action, arg)).toMatchObject({ ok: true });
    }
  }

  // 已退回: the owner's again, as at 草稿.
  await takeSteps([
    ['saveDraftAction', 'owner1'],
    ['submitAction', 'owner1'],
    ['returnAction', 'head'],
  ]);
  expect((await read()).status).toBe('returned');
  await expectStatuses('upload at 已退回', upload(), { ...NEVER_CHANGES, finance: 409 });
  const returnedAdd = await uploadAs(as.owner1, id, pdf('补充.pdf'));
  expect(returnedAdd.status()).toBe(201);
  const [returnedItem] = (await returnedAdd.json()).items;
  await expectStatuses('remove at 已退回', remove(returnedItem.id), { ...NEVER_CHANGES, finance: 403, owner1: 204 });

  // 部门已审核: finance adds review evidence of its own and removes only that; the owner's is read-only.
  await takeSteps([
    ['saveDraftAction', 'owner1'],
    ['submitAction', 'owner1'],
    ['approveAction', 'head'],
  ]);
  await expectStatuses('upload at 部门已审核', upload(), { ...NEVER_CHANGES, owner1: 409 });
  const reviewed = await uploadAs(as.finance, id, pdf('复核记录.pdf'));
  expect(reviewed.status()).toBe(201);
  const [reviewItem] = (await reviewed.json()).items;
  await expectStatuses('remove the owner’s at 部门已审核', remove(ownerItem.id), { owner1: 409, finance: 403 });
  await expectStatuses('remove finance’s at 部门已审核', remove(reviewItem.id), { ...NEVER_CHANGES, owner1: 403 });

  // 已定稿: read-only for everyone.
  const d = await read();
  expect(
    await callAction(as.finance, `/evaluations/${id}`, 'finalizeAction', {
      evaluationId: id,
      version: d.version,
      comment: '',
    }),
  ).toMatchObject({ ok: true });
  await expectStatuses('upload at 已定稿', upload(), { owner1: 409, finance: 409 });
  await expectStatuses('remove at 已定稿', remove(reviewItem.id), { finance: 409, owner1: 403 });
  await expectStatuses('download at 已定稿', (ctx) => ctx.get(`/api/attachments/${reviewItem.id}`), readers);
});

test('the treasury import refuses everyone but finance, page and actions alike', async ({ server }) => {
  const as = await everyCaller(server);
  const file = {
    year: 2024,
    fileName: 't.csv',
    content: Buffer.from('项目名称,全年执行数\n三防专项经费,9\n').toString('base64'),
  };
  const preview = await callAction(as.finance, '/admin/treasury', 'previewExecutionImportAction', file);
  expect(preview).toMatchObject({ ok: true });
  const digest = (preview as unknown as { data: { digest: string } }).data.digest;
  for (const caller of ['anonymous', 'owner1', 'owner2', 'otherowner', 'head', 'otherhead', 'admin']) {
    const code = caller === 'anonymous' ? 'unauthenticated' : 'forbidden';
    for (const [action, input] of [
      ['previewExecutionImportAction', file],
      ['confirmExecutionImportAction', { ...file, digest }],
    ] as const)
      expect(await callAction(as[caller], '/admin/treasury', action, input), `${action} by ${caller}`).toMatchObject({
        ok: false,
        code,
      });
    const page = await as[caller].get('/admin/treasury', { maxRedirects: 0 });
    expect(page.status(), `/admin/treasury for ${caller}`).toBe(caller === 'anonymous' ? 307 : 403);
  }
  // Nothing was applied by the refused calls: the same file previews to the same digest (finance applies it in
  // treasury.spec.ts, on a server of its own).
  const again = await callAction(as.finance, '/admin/treasury', 'previewExecutionImportAction', file);
  expect(again).toMatchObject({ ok: true, data: { digest, toApply: 1 } });
});
