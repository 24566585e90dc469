import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { parseTargetWorkbook } from '../lib/targets/xlsx';
import { readZip } from '../tests/read-zip';
import { addOtherDepartment, renameProjectAndDepartment } from './support/data';
import { expect, test as shared, workerServer } from './support/fixtures';
import { apiAs, callAction } from './support/http';
import type { TestServer } from './support/server';
import type { APIRequestContext, APIResponse } from '@playwright/test';

/** These tests finalise an evaluation: they get a server and database of their own, so no other spec meets the change. */
const test = shared.extend<object, { server: TestServer }>({
  server: workerServer((server) => addOtherDepartment(server.dataDir)),
});

const PROJECT = '安全生产基础工作专项经费';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Detail {
  id: number;
  version: number;
  status: string;
  selfScore: string;
  finalScore: string;
  selfGrade: string;
  finalGrade: string;
  budget: { initial: string; executed: string | null; score: string };
  indicators: Array<{
    id: number;
    name: string;
    points: string;
    selfScore: string | null;
    reviewedScore: string | null;
  }>;
}
interface Row {
  id: number;
  project: string;
  department: string;
  owner: string;
  budget: string;
  status: string;
  selfScore: string | null;
  finalScore: string | null;
  grade: string | null;
}

async function workbook(res: APIResponse) {
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as unknown as ExcelJS.Buffer);
  return wb;
}

function expectFileName(res: APIResponse, name: string, fallback: string) {
  expect(res.headers()['content-disposition']).toBe(
    `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  );
}

/** The worked example typed in by owner1, approved by the head, reviewed (row 1 → 12) and finalised by finance. */
async function finalise(owner: APIRequestContext, head: APIRequestContext, finance: APIRequestContext, id: number) {
  const page = `/evaluations/${id}`;
  const read = async (): Promise<Detail> => (await finance.get(`/api/evaluations/${id}`)).json();
  const values = ['27', '52', '405', null, '96', '93'];
  const d = await read();
  const draft = {
    evaluationId: id,
    version: d.version,
    budgetAdjusted: '',
    budgetExecuted: '20',
    budgetExplanation: '',
    goalActual: '全年完成专项整治。',
    indicators: d.indicators.map((ind, i) => ({
      indicatorId: ind.id,
      value: values[i] ?? '',
      parts: values[i] === null ? ['4', '1'] : [],
      tier: '',
      percent: '',
      explanation: [0, 3, 5].includes(i) ? '受汛期影响，部分检查顺延。' : '',
      deduction: { enabled: false, score: '', reason: '' },
    })),
  };
  expect(await callAction(owner, page, 'saveDraftAction', draft)).toMatchObject({ ok: true });
  const step = async (ctx: APIRequestContext, action: string, extra: (d: Detail) => object = () => ({})) => {
    const now = await read();
    expect(
      await callAction(ctx, page, action, { evaluationId: id, version: now.version, comment: '', ...extra(now) }),
      action,
    ).toMatchObject({ ok: true });
  };
  await step(owner, 'submitAction');
  await step(head, 'approveAction');
  await step(finance, 'reviewScoresAction', (now) => ({
    indicators: now.indicators.map((ind, i) => ({
      indicatorId: ind.id,
      score: i === 0 ? '12' : '',
      reason: i === 0 ? '佐证材料不足' : '',
    })),
    budget: { score: '', reason: '' },
  }));
  await step(finance, 'finalizeAction');
  return read();
}

test('exports: the workbook of one evaluation, the year workbook, the indicator CSV and the target table, by scope', async ({
  server,
}) => {
  test.setTimeout(120_000);
  const as: Record<string, APIRequestContext> = {};
  for (const u of ['owner1', 'owner2', 'head', 'otherhead', 'otherowner', 'finance'])
    as[u] = await apiAs(server.url, u);
  const anonymous = await apiAs(server.url, null);
  const rows: Row[] = (await (await as.finance.get('/api/years/2024/evaluations')).json()).items;
  const id = rows.find((r) => r.project === PROJECT)!.id;

  for (const url of [
    `/api/evaluations/${id}/self-evaluation.xlsx`,
    '/api/years/2024/evaluations.xlsx',
    '/api/years/2024/indicators.csv',
    '/api/years/2024/self-evaluations.zip',
    '/api/years/2024/targets.xlsx',
  ]) {
    expect((await anonymous.get(url)).status(), url).toBe(401);
  }

  const detail = await finalise(as.owner1, as.head, as.finance, id);
  // The rule book's worked example scores 93.73; finance lowered row 1 from 13.50 to 12.
  expect(detail).toMatchObject({ status: 'finalized', selfScore: '93.73', finalScore: '92.23' });

  // One evaluation: its owner may download it, another owner may not.
  const own = await as.owner1.get(`/api/evaluations/${id}/self-evaluation.xlsx`);
  expectFileName(own, `项目支出绩效自评表-2024-${PROJECT}.xlsx`, `self-evaluation-${id}.xlsx`);
  const ws = (await workbook(own)).worksheets[0];
  expect([ws.getCell('A1').value, ws.getCell('C3').value]).toEqual(['项目支出绩效自评表（2024年度）', PROJECT]);
  let head = 1;
  while (ws.getCell(`A${head}`).value !== '一级指标') head++;
  // Columns …, 分值 (6), 得分 (7), 偏差原因 (8), 复核得分 (9), 复核意见 (10).
  detail.indicators.forEach((ind, i) => {
    const row = ws.getRow(head + 1 + i);
    expect([row.getCell(3).value, row.getCell(6).value, row.getCell(7).value, row.getCell(9).value]).toEqual([
      ind.name,
      Number(ind.points),
      Number(ind.selfScore),
      ind.reviewedScore === null ? null : Number(ind.reviewedScore),
    ]);
  });
  const total = ws.getRow(head + 1 + detail.indicators.length);
  expect([total.getCell(1).value, total.getCell(7).value, total.getCell(9).value]).toEqual([
    '总分',
    Number(detail.selfScore),
    Number(detail.finalScore),
  ]);
  expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:J1', `A${head + 1}:A${head + 5}`]));
  expect((await as.owner2.get(`/api/evaluations/${id}/self-evaluation.xlsx`)).status()).toBe(403);
  expect((await as.otherhead.get(`/api/evaluations/${id}/self-evaluation.xlsx`)).status()).toBe(403);
  expect((await as.finance.get('/api/evaluations/99999/self-evaluation.xlsx')).status()).toBe(404);

  // The year workbook: 汇总 says what the list API says, then 合计; 指标明细 has one row per indicator.
  const yearRes = await as.finance.get('/api/years/2024/evaluations.xlsx');
  expectFileName(yearRes, '2024年度项目支出绩效自评.xlsx', 'evaluations-2024.xlsx');
  const year = await workbook(yearRes);
  const listed: Row[] = (await (await as.finance.get('/api/years/2024/evaluations')).json()).items;
  expect(year.worksheets.map((s) => s.name)).toEqual(['汇总', '指标明细']);
  const summary = year.getWorksheet('汇总')!;
  listed.forEach((r, i) => {
    const cells = [2, 3, 4, 5, 9, 10, 11].map((c) => summary.getRow(i + 3).getCell(c).value);
    expect(cells).toEqual([
      r.department,
      r.project,
      r.owner,
      Number(r.budget),
      r.selfScore === null ? null : Number(r.selfScore),
      r.finalScore === null ? null : Number(r.finalScore),
      r.grade,
    ]);
  });
  expect(summary.getRow(listed.length + 3).getCell(1).value).toBe(`合计（${listed.length} 个项目）`);
  expect(year.getWorksheet('指标明细')!.rowCount).toBe(114);
  const ownYear = await workbook(await as.owner1.get('/api/years/2024/evaluations.xlsx'));
  expect(ownYear.getWorksheet('汇总')!.getRow(12).getCell(1).value).toBe('合计（9 个项目）');
  const noneYear = await workbook(await as.otherowner.get('/api/years/2024/evaluations.xlsx'));
  expect(noneYear.getWorksheet('汇总')!.getRow(3).getCell(1).value).toBe('合计（0 个项目）');
  expect((await as.finance.get('/api/years/1999/evaluations.xlsx')).status()).toBe(404);
  // An export follows the filters of the list it is started from; a filter it cannot read is a 400.
  const finalisedOnly = await workbook(await as.finance.get('/api/years/2024/evaluations.xlsx?status=finalized'));
  expect(finalisedOnly.getWorksheet('汇总')!.getRow(3).getCell(3).value).toBe(PROJECT);
  expect(finalisedOnly.getWorksheet('汇总')!.getRow(4).getCell(1).value).toBe('合计（1 个项目）');
  expect((await as.finance.get('/api/years/2024/indicators.csv?grade=X')).status()).toBe(400);

  // The zip: one 自评表 per evaluation in scope and filter, 部门/序号 项目名称.xlsx.
  const zipRes = await as.finance.get(`/api/years/2024/self-evaluations.zip?q=${encodeURIComponent(PROJECT)}`);
  expectFileName(zipRes, '2024年度项目支出绩效自评表.zip', 'self-evaluations-2024.zip');
  const entries = await readZip(await zipRes.body());
  expect(entries.map((e) => e.name)).toEqual([expect.stringMatching(new RegExp(`/\\d+ ${PROJECT}\\.xlsx$`))]);
  const zipped = new ExcelJS.Workbook();
  await zipped.xlsx.load(entries[0].data as unknown as ExcelJS.Buffer);
  expect(zipped.worksheets[0].getCell('C3').value).toBe(PROJECT);
  expect((await anonymous.get('/api/years/2024/self-evaluations.zip')).status()).toBe(401);
  const ownZip = await readZip(await (await as.owner1.get('/api/years/2024/self-evaluations.zip')).body());
  expect(ownZip).toHaveLength(9);

  // The CSV: BOM, the Chinese intact through a CSV parser, the engine's numbers.
  const csvRes = await as.finance.get('/api/years/2024/indicators.csv');
  expect(csvRes.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const bytes = await csvRes.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data[0].slice(0, 4)).toEqual(['年度', '部门', '项目名称', '序号']);
  expect(parsed.data).toHaveLength(114);
  const mine = parsed.data.filter((r) => r[2] === PROJECT);
  expect(mine.map((r) => [r[6], r[9], r[11], r[12], r[15]])).toEqual(
    detail.indicators.map((ind) => [ind.name, ind.points, ind.selfScore, ind.reviewedScore ?? '', '已定稿']),
  );
  const ownCsv = Papa.parse<string[]>(
    (await (await as.owner2.get('/api/years/2024/indicators.csv')).text()).replace(/^\uFEFF/, ''),
    { skipEmptyLines: true },
  ).data;
  expect(ownCsv.slice(1).some((r) => r[2] === PROJECT)).toBe(false);
  expect(ownCsv.length).toBeGreaterThan(1);

  // The target table: finance and the department head; an owner never; a head of a department without targets finds none.
  const targetsRes = await as.finance.get('/api/years/2024/targets.xlsx');
  expect(targetsRes.status()).toBe(200);
  expect(targetsRes.headers()['content-disposition']).toMatch(
    /^attachment; filename="targets-2024-\d+\.xlsx"; filename\*=UTF-8''/,
  );
  expect(decodeURIComponent(targetsRes.headers()['content-disposition'].split("UTF-8''")[1])).toBe(
    '广州市白云区应急管理局（本级）2024年项目支出绩效目标表.xlsx',
  );
  const table = await parseTargetWorkbook(await targetsRes.body());
  expect([
    table.department,
    table.year,
    table.projects.length,
    table.projects.flatMap((p) => p.indicators).length,
  ]).toEqual(['广州市白云区应急管理局', 2024, 17, 113]);
  expect((await as.head.get('/api/years/2024/targets.xlsx')).status()).toBe(200);
  expect((await as.owner1.get('/api/years/2024/targets.xlsx')).status()).toBe(403);
  expect((await as.otherhead.get('/api/years/2024/targets.xlsx')).status()).toBe(404);

  // Frozen at 定稿: after the project and its department are renamed, the evaluation's title, its 自评报告's
  // print view (with the annexed 自评表) and the files' names still say what they said at 定稿.
  await renameProjectAndDepartment(server.dataDir, { project: PROJECT, suffix: '（改名后）' });
  const renamed = `${PROJECT}（改名后）`;
  const listedNow: Row[] = (await (await as.finance.get('/api/years/2024/evaluations')).json()).items;
  expect(listedNow.find((r) => r.id === id)!.project).toBe(renamed);
  const evaluationPage = await (await as.finance.get(`/evaluations/${id}`)).text();
  expect(evaluationPage).toMatch(new RegExp(`<title>${PROJECT} · `));
  const reportPage = await (await as.finance.get(`/evaluations/${id}/report`)).text();
  expect(reportPage).toContain(PROJECT);
  expect([evaluationPage, reportPage].filter((html) => html.includes('改名后'))).toEqual([]);
  for (const [file, name] of [
    ['report.docx', `项目支出绩效自评报告-2024-${PROJECT}.docx`],
    ['self-evaluation.xlsx', `项目支出绩效自评表-2024-${PROJECT}.xlsx`],
    ['bundle.zip', `绩效自评材料-2024-${PROJECT}.zip`],
  ]) {
    const disposition = (await as.finance.get(`/api/evaluations/${id}/${file}`)).headers()['content-disposition'];
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(name);
  }
});
