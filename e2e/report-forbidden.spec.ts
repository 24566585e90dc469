import ExcelJS from 'exceljs';
import { addOtherDepartment } from './support/data';
import { expect, test as shared, workerServer } from './support/fixtures';
import { apiAs, postOperationAs } from './support/http';
import type { TestServer } from './support/server';
import type { APIRequestContext } from '@playwright/test';

/** Resets a demo password: a server and database of its own. */
const test = shared.extend<object, { server: TestServer }>({
  server: workerServer((server) => addOtherDepartment(server.dataDir)),
});

const PROJECT = '法律顾问与审批服务经费';
const TEMPORARY = 'Temp-2024-rp';
type Caller = 'anonymous' | 'owner1' | 'owner2' | 'otherowner' | 'head' | 'otherhead' | 'finance' | 'admin';

test('the 自评报告 and entry workbook routes and the upload actions, for every kind of caller', async ({
  server,
  pageAs,
}) => {
  test.setTimeout(120_000);
  const as = {} as Record<Caller, APIRequestContext>;
  for (const u of ['owner1', 'owner2', 'otherowner', 'head', 'otherhead', 'finance', 'admin'] as const)
    as[u] = await apiAs(server.url, u);
  as.anonymous = await apiAs(server.url, null);

  const list = await (await as.finance.get('/api/years/2024/evaluations')).json();
  const id: number = list.items.find((e: { project: string }) => e.project === PROJECT).id;
  const head = await pageAs('head');
  await head.goto('/projects');
  const departmentReport = (await head.getByRole('link', { name: /下载部门自评报告/ }).getAttribute('href'))!;

  const statuses = async (url: string, callers: Record<string, APIRequestContext> = as) => {
    const out: Record<string, number> = {};
    for (const [caller, ctx] of Object.entries(callers)) out[caller] = (await ctx.get(url)).status();
    return out;
  };
  const evaluationScope = {
    anonymous: 401,
    owner1: 200,
    owner2: 403,
    otherowner: 403,
    head: 200,
    otherhead: 403,
    finance: 200,
    admin: 200,
  };
  expect(await statuses(`/api/evaluations/${id}/report.docx`)).toEqual(evaluationScope);
  expect(await statuses(`/api/evaluations/${id}/entry.xlsx`)).toEqual(evaluationScope);
  expect(await statuses(departmentReport)).toEqual({
    ...evaluationScope,
    owner1: 403,
  });
  expect(await statuses('/api/years/2024/entry.xlsx')).toEqual({
    anonymous: 401,
    owner1: 200,
    owner2: 200,
    otherowner: 404,
    head: 403,
    otherhead: 403,
    finance: 403,
    admin: 403,
  });
  expect((await as.finance.get('/api/evaluations/99999/report.docx')).status()).toBe(404);
  expect((await as.finance.get('/api/years/1999/departments/1/report.docx')).status()).toBe(404);
  expect((await as.finance.get('/api/years/2024/departments/99999/report.docx')).status()).toBe(404);

  // The upload's routes, called directly as a forged request would.
  const entry = await as.owner1.get(`/api/evaluations/${id}/entry.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await entry.body()) as unknown as ExcelJS.Buffer);
  const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const input = { target: { kind: 'evaluation', evaluationId: id }, content };
  const [previewRoute, confirmRoute] = ['/api/imports/entry/preview', '/api/imports/entry/confirm'];
  const preview = await postOperationAs(as.owner1, previewRoute, input);
  expect(preview).toMatchObject({ ok: true });
  const confirm = { ...input, digest: (preview.data as { digest: string }).digest };
  const refused: Array<[Caller, string]> = [
    ['anonymous', 'unauthenticated'],
    ['owner2', 'forbidden'],
    ['otherowner', 'forbidden'],
    ['head', 'forbidden'],
    ['otherhead', 'forbidden'],
    ['finance', 'forbidden'],
    ['admin', 'forbidden'],
  ];
  for (const [caller, code] of refused) {
    expect(await postOperationAs(as[caller], previewRoute, input), caller).toMatchObject({
      ok: false,
      code,
    });
    expect(await postOperationAs(as[caller], confirmRoute, confirm), caller).toMatchObject({
      ok: false,
      code,
    });
  }
  expect((await (await as.finance.get(`/api/evaluations/${id}`)).json()).version).toBe(1);

  // owner1 with a password an administrator has just reset: refused everywhere until it is changed.
  const admin = await pageAs('admin');
  await admin.goto('/admin/users');
  await admin.getByRole('link', { name: '编辑 owner1' }).click();
  await admin.getByLabel('新的临时密码').fill(TEMPORARY);
  await admin.getByRole('button', { name: '重置密码' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已重置' })).toBeVisible();
  const temporary = await apiAs(server.url, 'owner1', TEMPORARY);
  for (const url of [
    `/api/evaluations/${id}/report.docx`,
    `/api/evaluations/${id}/entry.xlsx`,
    departmentReport,
    '/api/years/2024/entry.xlsx',
  ])
    expect(await statuses(url, { temporary }), url).toEqual({ temporary: 403 });
  for (const [route, body] of [
    [previewRoute, input],
    [confirmRoute, confirm],
  ] as const)
    expect(await postOperationAs(temporary, route, body), route).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: '请先修改初始密码',
    });
  expect((await (await as.finance.get(`/api/evaluations/${id}`)).json()).version).toBe(1);
});
