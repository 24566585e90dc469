import { readFileSync } from 'node:fs';
import { rowKey } from '../lib/evidence/rows';
import { exeFile, pdfFile, pngFile, readZip } from '../tests/evidence-files';
import { completeDraft, type Detail } from './support/drafts';
import { dropFiles, sha256, uploadAs, type EvidenceFile } from './support/evidence';
import { expect, isolatedTest, openEvaluation, submitForReview } from './support/fixtures';
import { apiAs, callAction } from './support/http';
import type { APIRequestContext } from '@playwright/test';

/**
 * Evidence through the UI and the API, on a server of its own: attach by file chooser and by drag-and-drop,
 * preview, submit, what the head sees and downloads, what others are refused, what the door refuses, and the zip.
 */
// Its own worker server: other specs change demo passwords on theirs.
const test = isolatedTest();
const MB = 1024 * 1024;
const PDF: EvidenceFile = { name: '出勤台账.pdf', mimeType: 'application/pdf', buffer: pdfFile('出勤台账') };
const PNG: EvidenceFile = { name: '现场照片.png', mimeType: 'image/png', buffer: pngFile([30, 120, 200]) };

test.describe.configure({ timeout: 120_000 });

/** owner1 signed in by API, and the detail of one of their evaluations. */
async function ownersEvaluation(
  baseURL: string,
  project: string,
): Promise<{ ownerApi: APIRequestContext; detail: Detail; project: string }> {
  const ownerApi = await apiAs(baseURL, 'owner1');
  const list = await (await ownerApi.get('/api/years/2024/evaluations')).json();
  const id: number = list.items.find((e: { project: string }) => e.project === project).id;
  return { ownerApi, project, detail: await (await ownerApi.get(`/api/evaluations/${id}`)).json() };
}

/** Workflow steps by API, each from the evaluation's current version; a save is the complete draft. */
async function takeSteps(baseURL: string, id: number, steps: Array<[user: string, action: string]>) {
  for (const [user, action] of steps) {
    const ctx = await apiAs(baseURL, user);
    const detail: Detail = await (await ctx.get(`/api/evaluations/${id}`)).json();
    const input =
      action === 'saveDraftAction' ? completeDraft(detail) : { evaluationId: id, version: detail.version, comment: '' };
    expect(await callAction(ctx, `/evaluations/${id}`, action, input), `${action} by ${user}`).toMatchObject({
      ok: true,
    });
  }
}

const indicatorCell = (detail: Detail, i: number) =>
  `evidence-${rowKey({ target: 'indicator', indicatorId: detail.indicators[i].id })}`;

test('owner1 attaches a PDF and a PNG to two rows, previews, submits; the head sees and downloads them', async ({
  pageAs,
  server,
}) => {
  const { ownerApi, detail, project } = await ownersEvaluation(server.url, '法律顾问与审批服务经费');
  // Everything filled in and saved, so that the submission below is accepted.
  await takeSteps(server.url, detail.id, [['owner1', 'saveDraftAction']]);

  const owner = await pageAs('owner1');
  await openEvaluation(owner, project);
  const goal = owner.getByLabel('年度总体目标实际完成情况');
  await goal.fill('全年审批服务按时完成，附出勤台账和现场照片。');

  // Row 1 by the file chooser, row 2 by drag-and-drop.
  const first = owner.getByTestId(indicatorCell(detail, 0));
  const second = owner.getByTestId(indicatorCell(detail, 1));
  await first.getByLabel(/选择佐证材料$/).setInputFiles(PDF);
  await expect(first.getByTestId('evidence-item')).toContainText(PDF.name);
  await dropFiles(owner, second, [PNG]);
  await expect(second.getByTestId('evidence-item')).toContainText(PNG.name);
  await expect(second.getByTestId('evidence-item')).toContainText('张伟');
  await expect(
    first.getByTestId(`evidence-count-${rowKey({ target: 'indicator', indicatorId: detail.indicators[0].id })}`),
  ).toHaveText('已附 1');

  // The preview shows the picture in the page, loaded from the inline URL.
  await second.getByRole('button', { name: '预览' }).click();
  const preview = owner.getByRole('dialog', { name: `预览：${PNG.name}` });
  const image = preview.getByRole('img', { name: PNG.name });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await preview.getByRole('button', { name: '关闭' }).click();
  // The PDF previews in a frame from the inline URL, which the page's CSP lets load.
  const inlinePdf = owner.waitForResponse((res) => res.url().includes('?inline=1'));
  await first.getByRole('button', { name: '预览' }).click();
  const pdfPreview = owner.getByRole('dialog', { name: `预览：${PDF.name}` });
  await expect(pdfPreview.locator(`iframe[title="${PDF.name}"]`)).toBeVisible();
  const framed = await inlinePdf;
  expect(framed.status()).toBe(200);
  expect(framed.headers()['content-type']).toBe('application/pdf');
  expect(framed.headers()['content-disposition']).toMatch(/^inline;/);
  await pdfPreview.getByRole('button', { name: '关闭' }).click();

  // The uploads left the form alone: what was typed is still there, unsaved, and goes in with the submission.
  await expect(goal).toHaveValue('全年审批服务按时完成，附出勤台账和现场照片。');
  await expect(owner.getByText('有未保存的修改')).toBeVisible();
  await submitForReview(owner);
  await expect(owner.getByTestId('evaluation-status')).toHaveText('已提交');
  // Submitted: the owner may no longer remove anything, on the page or by a request of their own.
  await expect(owner.getByRole('button', { name: /^删除/ })).toHaveCount(0);
  const items = (await (await ownerApi.get(`/api/evaluations/${detail.id}/attachments`)).json()).items;
  const pdfItem = items.find((i: { name: string }) => i.name === PDF.name);
  const refused = await ownerApi.delete(`/api/attachments/${pdfItem.id}`);
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toBe('当前状态为“已提交”，不能删除佐证材料');

  const head = await pageAs('head');
  await openEvaluation(head, project);
  const headFirst = head.getByTestId(indicatorCell(detail, 0));
  await expect(headFirst.getByTestId('evidence-item')).toHaveCount(1);
  await expect(headFirst).toContainText(PDF.name);
  await expect(head.getByTestId(indicatorCell(detail, 1))).toContainText(PNG.name);
  await expect(head.getByTestId(indicatorCell(detail, 2))).toContainText('未附');
  await expect(head.getByTestId('goal-actual')).toHaveText('全年审批服务按时完成，附出勤台账和现场照片。');
  const download = head.waitForEvent('download');
  await headFirst.getByRole('link', { name: PDF.name }).click();
  const file = await (await download).path();
  expect(sha256(readFileSync(file))).toBe(sha256(PDF.buffer));
  expect((await download).suggestedFilename()).toBe(PDF.name);

  // Another owner gets nothing: neither the list nor the file.
  const owner2 = await apiAs(server.url, 'owner2');
  expect((await owner2.get(`/api/evaluations/${detail.id}/attachments`)).status()).toBe(403);
  expect((await owner2.get(`/api/attachments/${pdfItem.id}`)).status()).toBe(403);
  expect((await owner2.get(`/api/attachments/${pdfItem.id + 1000}`)).status()).toBe(404);
});

test('the door refuses an executable and a 21 MB file with their messages, and keeps what was typed', async ({
  pageAs,
  server,
}) => {
  const { ownerApi, detail, project } = await ownersEvaluation(server.url, '三防专项经费');
  const owner = await pageAs('owner1');
  await openEvaluation(owner, project);
  await owner.getByRole('button', { name: `${detail.indicators[0].name} 填写说明` }).click();
  const explanation = owner.getByLabel(`${detail.indicators[0].name} 偏差原因分析及改进措施`);
  await explanation.fill('尚未保存的说明');
  await owner.getByLabel('年度总体目标实际完成情况').fill('尚未保存的完成情况');

  const cell = owner.getByTestId(indicatorCell(detail, 0));
  const chooser = cell.getByLabel(/选择佐证材料$/);
  const answers: number[] = [];
  owner.on('response', (res) => {
    if (res.request().method() === 'POST' && res.url().endsWith('/attachments')) answers.push(res.status());
  });
  await chooser.setInputFiles({ name: '验收单.pdf', mimeType: 'application/pdf', buffer: exeFile() });
  await expect(cell.getByRole('alert')).toHaveText(
    '“验收单.pdf”的内容不是允许的文件类型（允许：PDF、JPEG、PNG、Word、Excel、OFD、ZIP）',
  );
  const big = Buffer.concat([pdfFile(), Buffer.alloc(21 * MB, 1)]);
  await chooser.setInputFiles({ name: '全年台账.pdf', mimeType: 'application/pdf', buffer: big });
  await expect(cell.getByRole('alert')).toHaveText('“全年台账.pdf”超过单个文件 20 MB 的上限');
  expect(answers).toEqual([415, 413]);
  await expect(cell.getByTestId('evidence-item')).toHaveCount(0);
  await expect(explanation).toHaveValue('尚未保存的说明');
  await expect(owner.getByLabel('年度总体目标实际完成情况')).toHaveValue('尚未保存的完成情况');

  // The same refusals through the API, and a name that tries to climb out of the store.
  const exe = await uploadAs(ownerApi, detail.id, [
    { name: 'setup.pdf', mimeType: 'application/pdf', buffer: exeFile() },
  ]);
  expect(exe.status()).toBe(415);
  expect((await exe.json()).error).toMatch(/^“setup\.pdf”的内容不是允许的文件类型/);
  const tooBig = await uploadAs(ownerApi, detail.id, [{ name: 'big.pdf', mimeType: 'application/pdf', buffer: big }]);
  expect(tooBig.status()).toBe(413);
  const climbing = await uploadAs(ownerApi, detail.id, [{ ...PDF, name: '../../etc/passwd' }], { target: 'budget' });
  expect(climbing.status()).toBe(201);
  const [stored] = (await climbing.json()).items;
  expect(stored).toMatchObject({ name: 'passwd.pdf', target: 'budget', sha256: sha256(PDF.buffer) });
  const served = await ownerApi.get(`/api/attachments/${stored.id}`);
  expect(served.headers()['content-disposition']).toBe(
    `attachment; filename="attachment-${stored.id}.pdf"; filename*=UTF-8''passwd.pdf`,
  );
  expect(served.headers()['x-content-type-options']).toBe('nosniff');
  expect(served.headers()['content-security-policy']).toContain('sandbox');
});

test('the evaluation zip holds the workbook and every attachment in its row folder', async ({ server }) => {
  const { ownerApi, detail } = await ownersEvaluation(server.url, '应急专项经费');
  const contract = { name: '合同.pdf', mimeType: 'application/pdf', buffer: pdfFile('合同') };
  const uploads: Array<[EvidenceFile[], Record<string, string>]> = [
    [[PDF, PNG], { indicatorId: String(detail.indicators[0].id) }],
    [[contract], { indicatorId: String(detail.indicators[2].id) }],
    [[contract], { target: 'budget' }],
    [[PNG], { target: 'goal' }],
    [[PDF], {}],
  ];
  for (const [files, fields] of uploads)
    expect((await uploadAs(ownerApi, detail.id, files, fields)).status()).toBe(201);

  const head = await apiAs(server.url, 'head');
  const zip = await head.get(`/api/evaluations/${detail.id}/bundle.zip`);
  expect(zip.status()).toBe(200);
  expect(zip.headers()['content-type']).toBe('application/zip');
  const entries = await readZip(await zip.body());
  const pad = (i: number) => String(i + 1).padStart(2, '0');
  expect(entries.map((e) => e.name)).toEqual([
    `项目支出绩效自评表-2024-${detail.project.name}.xlsx`,
    `${pad(0)}-${detail.indicators[0].name}/${PDF.name}`,
    `${pad(0)}-${detail.indicators[0].name}/${PNG.name}`,
    `${pad(2)}-${detail.indicators[2].name}/合同.pdf`,
    '预算执行/合同.pdf',
    `年度总体目标/${PNG.name}`,
    `整体/${PDF.name}`,
  ]);
  const byName = new Map(entries.map((e) => [e.name.split('/').pop()!, e.data]));
  expect(sha256(byName.get(PNG.name)!)).toBe(sha256(PNG.buffer));
  expect(sha256(byName.get('合同.pdf')!)).toBe(sha256(contract.buffer));
  expect(entries[0].data.subarray(0, 2).toString()).toBe('PK');
  expect(entries.every((e) => e.utf8Flag)).toBe(true);
  expect((await (await apiAs(server.url, 'owner2')).get(`/api/evaluations/${detail.id}/bundle.zip`)).status()).toBe(
    403,
  );
});

test('the head returns with rows flagged 缺佐证; the owner sees them, finance filters them, the 自评表 lists names', async ({
  pageAs,
  server,
}) => {
  const { ownerApi, detail, project } = await ownersEvaluation(server.url, '队伍装备基础设施建设专项经费');
  const first = { indicatorId: String(detail.indicators[0].id) };
  expect((await uploadAs(ownerApi, detail.id, [PDF], first)).status()).toBe(201);
  await takeSteps(server.url, detail.id, [
    ['owner1', 'saveDraftAction'],
    ['owner1', 'submitAction'],
  ]);

  // The head's return panel lists every row with 已附 n / 未附, and flags the second row.
  const head = await pageAs('head');
  await openEvaluation(head, project);
  const flags = head.getByTestId('missing-evidence');
  const firstKey = rowKey({ target: 'indicator', indicatorId: detail.indicators[0].id });
  const secondKey = rowKey({ target: 'indicator', indicatorId: detail.indicators[1].id });
  await expect(flags.getByTestId(`evidence-count-${firstKey}`)).toHaveText('已附 1');
  await expect(flags.getByTestId(`evidence-count-${secondKey}`)).toHaveText('未附');
  await flags.getByRole('checkbox', { name: new RegExp(`第2行“${detail.indicators[1].name}”`) }).check();
  await head.getByLabel('审核意见', { exact: true }).fill('请补充第2行的佐证材料');
  await head.getByRole('button', { name: '退回' }).click();
  await expect(head.getByTestId('evaluation-status')).toHaveText('已退回');

  // The owner sees what to add, on the row itself.
  const owner = await pageAs('owner1');
  await openEvaluation(owner, project);
  await expect(owner.getByTestId('missing-evidence-notice')).toHaveText(
    `请补充佐证材料：第2行“${detail.indicators[1].name}”`,
  );
  await expect(owner.getByTestId(`evidence-count-${secondKey}`)).toHaveText('未附缺佐证');

  // Finance's overview: only the flagged evaluation under the filter.
  const finance = await pageAs('finance');
  await finance.goto('/overview?year=2024&evidence=missing');
  const table = finance.getByTestId('overview-table');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText(project);

  // The 自评表 view lists the row's attachment names.
  await owner.goto(`/evaluations/${detail.id}/table`);
  await expect(owner.getByTestId('mof-evidence-1')).toHaveText(`佐证材料：${PDF.name}`);
  await expect(owner.getByTestId('mof-evidence-2')).toHaveCount(0);
});

test('the owner removes a file from a draft; finance attaches review evidence of its own while reviewing', async ({
  pageAs,
  server,
}) => {
  const { ownerApi, detail, project } = await ownersEvaluation(
    server.url,
    '综合减灾和物资保障（预案管理）年度专项经费',
  );
  const owner = await pageAs('owner1');
  await openEvaluation(owner, project);
  const goal = owner.getByTestId('evidence-goal');
  await goal.getByLabel(/选择佐证材料$/).setInputFiles(PNG);
  await expect(goal.getByTestId('evidence-item')).toHaveCount(1);
  await goal.getByRole('button', { name: `删除 ${PNG.name}` }).click();
  await expect(goal.getByTestId('evidence-item')).toHaveCount(0);
  expect((await (await ownerApi.get(`/api/evaluations/${detail.id}/attachments`)).json()).items).toEqual([]);

  // Saved, submitted and approved: finance reviews, with a file of its own on the first row.
  await takeSteps(server.url, detail.id, [
    ['owner1', 'saveDraftAction'],
    ['owner1', 'submitAction'],
    ['head', 'approveAction'],
  ]);
  const finance = await pageAs('finance');
  await openEvaluation(finance, project);
  const first = finance.getByTestId(indicatorCell(detail, 0));
  await expect(first.getByRole('button', { name: '上传复核佐证' })).toBeVisible();
  await first.getByLabel(/选择佐证材料$/).setInputFiles(PDF);
  await expect(first.getByTestId('evidence-item')).toContainText('财政复核');
  const [item] = (await (await ownerApi.get(`/api/evaluations/${detail.id}/attachments`)).json()).items;
  expect(item).toMatchObject({ name: PDF.name, purpose: 'review', uploadedBy: '陈晓（财政局）' });
  // The owner sees it, read-only.
  await openEvaluation(owner, project);
  await expect(owner.getByTestId(indicatorCell(detail, 0))).toContainText(PDF.name);
  await expect(owner.getByRole('button', { name: /^删除/ })).toHaveCount(0);
  await expect(owner.getByRole('button', { name: /上传/ })).toHaveCount(0);
});
