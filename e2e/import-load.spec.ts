import ExcelJS from 'exceljs';
import { exportTargetWorkbook } from '../lib/exports/target-workbook';
import { formatWanYuan, parseWanYuan } from '../lib/money';
import { IMPORT_LIMITS } from '../lib/targets/import-limits';
import { parseTargetTable } from '../lib/targets/parse-target-table';
import { realisticTable } from '../lib/targets/synthetic-tables';
import { copiedCells } from '../tests/copied-cells';
import { completeDraft, type Detail } from './support/drafts';
import { expect, test as base } from './support/fixtures';
import { actionId, apiAs, postOperationAs } from './support/http';
import { SEED_TARGETS } from './support/targets';
import type { APIRequestContext } from '@playwright/test';

/**
 * An import's source runs to megabytes: its preview and import are routes with their own 16 MB body
 * limit, they parse in a worker thread and let other requests run while they write, and every other
 * server action keeps a small limit.
 */
const test = base.extend<{ finance: APIRequestContext; owner: APIRequestContext }>({
  /** finance's HTTP client on the worker's server: the one who imports. */
  finance: async ({ server }, use) => use(await apiAs(server.url, 'finance')),
  /** owner1's HTTP client on the worker's server: the other user, whose pages and draft must not suffer. */
  owner: async ({ server }, use) => use(await apiAs(server.url, 'owner1')),
});

const MB = 1024 * 1024;
/**
 * The acceptance line: another user's page answers in under a second while a large preview or import runs.
 * Every page asked during it is held to the bound, the slowest included (no percentile), with the generous
 * margin the issue allows for timed bounds: twice the second. On the shared 2-core machine (load average
 * 10 to 13 on 2026-12-01) the slowest page was 0.4 s during the entry workbook's preview and 1.1 s / 1.3 s
 * during the text table's preview / import, while the same page took up to 2.0 s now and then with no import
 * running at all. An import on the server's thread holds every page for seconds at a time: this workbook
 * read there took 15 s, and the 8 MB text's parse alone takes 4.6 s. Each test prints its figures.
 */
const PAGE_BOUND_MS = 1000;
const MARGIN = 2;
/** An import that held the server's thread would leave time for a page or two; one that does not, for many. */
const MIN_PAGES_DURING = 5;

const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor((ms.length - 1) / 2)];

const source = (content: string) => ({
  year: '2031',
  sourceName: '压力测试',
  format: 'text',
  content,
  departmentId: '',
});

/** The seed's projects repeated to just under the text limit: thousands of projects to parse and dry-run. */
function largestTextTable() {
  let { text } = realisticTable(SEED_TARGETS, IMPORT_LIMITS.textBytes - 64 * 1024);
  while (Buffer.byteLength(text) > IMPORT_LIMITS.textBytes) text = text.slice(0, text.lastIndexOf('\n\n'));
  expect(Buffer.byteLength(text)).toBeGreaterThan(7 * MB);
  return text;
}

/** The first evaluation of the user's 2024 list. */
async function firstEvaluation(user: APIRequestContext): Promise<number> {
  return (await (await user.get('/api/years/2024/evaluations')).json()).items[0].id;
}

/** How long `user`'s page takes, answered and read to its end. */
async function timedPage(user: APIRequestContext, path: string) {
  const at = Date.now();
  const res = await user.get(path);
  expect(res.status()).toBe(200);
  await res.body();
  return Date.now() - at;
}

/**
 * `work` (an import by one user) while another user asks for a page again and again: each page that was
 * asked and answered while it ran must have taken under the bound, and there must have been enough of them.
 */
async function whileOtherUserWorks<T>(what: string, user: APIRequestContext, path: string, work: () => Promise<T>) {
  const before: number[] = [];
  for (let i = 0; i < 4; i++) before.push(await timedPage(user, path));
  const started = Date.now();
  let done = false;
  const running = work().finally(() => {
    done = true;
  });
  const pages: number[] = [];
  while (!done) {
    const took = await timedPage(user, path);
    if (!done) pages.push(took);
  }
  const answer = await running;
  console.log(
    `${what}: ${Date.now() - started} ms; the other user's ${path} before it: median ${median(before)} ms, ` +
      `slowest ${Math.max(...before)} ms; during it: ${pages.length} pages, median ${median(pages)} ms, ` +
      `slowest ${Math.max(...pages)} ms`,
  );
  expect(pages.length, what).toBeGreaterThanOrEqual(MIN_PAGES_DURING);
  expect(Math.max(...pages), `${what}: the slowest page`).toBeLessThan(PAGE_BOUND_MS * MARGIN);
  return answer;
}

test('a preview of a text table at its 8 MB limit runs while another user’s pages answer in under a second', async ({
  finance,
  owner,
}) => {
  test.setTimeout(180_000);
  const text = largestTextTable();
  const answer = await whileOtherUserWorks(
    `preview of ${(Buffer.byteLength(text) / MB).toFixed(2)} MB`,
    owner,
    '/projects',
    () => postOperationAs(finance, '/api/imports/targets/preview', source(text)),
  );
  expect(answer, answer.message).toMatchObject({ ok: true });
  const outcome = (answer.data as { outcome: { projects: number; dryRun: boolean } }).outcome;
  expect(outcome.dryRun).toBe(true);
  expect(outcome.projects).toBeGreaterThan(4000);
  // Nothing was written: the year does not exist.
  expect((await finance.get('/api/years/2031/evaluations')).status()).toBe(404);
});

test('an entry workbook of 20,000 rows × 30 columns is previewed while another user’s pages answer in under a second', async ({
  finance,
  owner,
}) => {
  test.setTimeout(180_000);
  // owner1's own 填报表, with a second sheet at the import's row limit, 30 columns wide (read in full, then set
  // aside as not an entry sheet).
  const id = await firstEvaluation(owner);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    (await (await owner.get(`/api/evaluations/${id}/entry.xlsx`)).body()) as unknown as ExcelJS.Buffer,
  );
  const extra = wb.addWorksheet('附表');
  for (let r = 1; r <= IMPORT_LIMITS.xlsxRows; r++)
    extra.addRow(Array.from({ length: 30 }, (_, c) => (c % 2 ? r * 30 + c : `第${r}行第${c + 1}列`)));
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  expect(bytes.length).toBeGreaterThan(2 * MB);

  const answer = await whileOtherUserWorks(
    `entry preview of ${(bytes.length / MB).toFixed(2)} MB`,
    finance,
    '/projects',
    () =>
      postOperationAs(owner, '/api/imports/entry/preview', {
        target: { kind: 'evaluation', evaluationId: id },
        fileName: 'entry.xlsx',
        content: bytes.toString('base64'),
      }),
  );
  expect(answer, answer.message).toMatchObject({ ok: true });
  expect(JSON.stringify(answer.data)).toContain('工作表“附表”不是填报表，未读取');
});

/**
 * A table of thousands of distinct projects, pasted as cells (tab-separated, as copied from our workbook):
 * the seed's 17 projects copied to just under the workbook's 20,000 rows, each copy's names its own, the
 * 合计 line scaled to match. Every project is new to its year: the import writes all of them.
 */
async function largeDistinctTable() {
  const rows = (await copiedCells(await exportTargetWorkbook(parseTargetTable(SEED_TARGETS)))).split('\r\n');
  const body = rows.findIndex((row) => row.startsWith('合计\t')) + 1;
  const projectRows = rows.slice(body).filter((row) => row !== '');
  const copies = Math.floor((IMPORT_LIMITS.xlsxRows - body) / projectRows.length);
  const scaled = rows[body - 1]
    .split('\t')
    .map((cell) => (/^\d/.test(cell) ? formatWanYuan(parseWanYuan(cell)! * copies, { grouping: false }) : cell))
    .join('\t');
  const copied = Array.from({ length: copies }, (_, n) =>
    projectRows.map((row) => row.replace(/^([^\t]+)\t/, `$1（第${n + 1}批）\t`)),
  );
  return { text: [...rows.slice(0, body - 1), scaled, ...copied.flat(), ''].join('\r\n'), copies };
}

test('the import of a table of thousands of projects writes while another user’s pages answer in under a second', async ({
  freshServer,
}) => {
  test.setTimeout(300_000);
  const [finance, owner] = [await apiAs(freshServer.url, 'finance'), await apiAs(freshServer.url, 'owner1')];
  const { text, copies } = await largeDistinctTable();
  const preview = await postOperationAs(finance, '/api/imports/targets/preview', source(text));
  expect(preview, preview.message).toMatchObject({ ok: true });
  const { digest, outcome } = preview.data as { digest: string; outcome: { projects: number; blocking: unknown[] } };
  expect(outcome).toMatchObject({ projects: copies * 17, blocking: [] });

  const answer = await whileOtherUserWorks(`import of ${outcome.projects} projects`, owner, '/projects', () =>
    postOperationAs(finance, '/api/imports/targets/confirm', { ...source(text), digest }),
  );
  expect(answer, answer.message).toMatchObject({ ok: true });
  expect((answer.data as { created: string[] }).created).toHaveLength(copies * 17);
  expect((await finance.get('/api/years/2031/evaluations')).status()).toBe(200);
});

test('the 16 MB body limit is the imports’ alone: a 10 MB body to an ordinary action is refused', async ({
  finance,
  owner,
}) => {
  test.setTimeout(120_000);

  // An ordinary action (save draft): 3 MB of text reaches the form's schema and gets its field message; 5 MB and
  // 10 MB are refused by the actions' limit before the operation runs. Nothing is saved.
  const id = await firstEvaluation(owner);
  const detail: Detail = await (await owner.get(`/api/evaluations/${id}`)).json();
  const saveWithGoal = (megabytes: number) =>
    owner.post(`/evaluations/${id}`, {
      headers: { 'Next-Action': actionId('saveDraftAction'), 'Content-Type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify([{ ...completeDraft(detail), goalActual: 'x'.repeat(megabytes * MB) }]),
    });
  const within = await (await saveWithGoal(3)).text();
  expect(within).toContain('不能超过5000字');
  for (const megabytes of [5, 10]) {
    const refused = await saveWithGoal(megabytes);
    expect(refused.status(), `${megabytes} MB`).toBeGreaterThanOrEqual(400);
    expect(await refused.text(), `${megabytes} MB`).not.toContain('"ok"');
  }
  expect((await (await owner.get(`/api/evaluations/${id}`)).json()).version).toBe(detail.version);

  // The import route reads a body of 12 MB (over the action limit and over the 10 MB a proxied body is cut at):
  // the import's own limits answer, next to the content field.
  const twelve = await postOperationAs(finance, '/api/imports/targets/preview', source('a'.repeat(12 * MB)));
  expect(twelve).toMatchObject({
    ok: false,
    code: 'invalid',
    fieldErrors: { content: expect.stringContaining('超过导入的上限') },
  });
  // Past 16 MB the route itself refuses, with 413.
  const over = await finance.post('/api/imports/targets/preview', {
    headers: { 'Content-Type': 'application/json' },
    data: JSON.stringify(source('a'.repeat(16 * MB))),
  });
  expect(over.status()).toBe(413);
  expect(await over.json()).toMatchObject({ ok: false, code: 'too_large', message: expect.stringContaining('16 MB') });
});

test('the import routes and the template downloads refuse every caller the import does not allow', async ({
  server,
}) => {
  const body = source(SEED_TARGETS);
  const downloads = ['/api/targets/template.xlsx', '/api/targets/example.xlsx'];
  for (const [username, status] of [
    [null, 401],
    ['owner1', 403],
    ['owner2', 403],
    ['head', 403],
  ] as const) {
    const as = await apiAs(server.url, username);
    for (const step of ['preview', 'confirm']) {
      const res = await as.post(`/api/imports/targets/${step}`, { data: body });
      expect(res.status(), `${step} by ${username}`).toBe(status);
      expect(res.headers()['cache-control']).toContain('no-store');
    }
    for (const url of downloads) expect((await as.get(url)).status(), `${url} for ${username}`).toBe(status);
  }
  for (const username of ['finance', 'admin'])
    for (const url of downloads) {
      const res = await (await apiAs(server.url, username)).get(url);
      expect(res.status(), `${url} for ${username}`).toBe(200);
      expect(res.headers()['content-type']).toContain('spreadsheetml');
    }
  // A page of another site cannot act with the session of an administrator.
  const admin = await apiAs(server.url, 'admin');
  const forged = await admin.post('/api/imports/targets/preview', {
    headers: { Origin: 'https://evil.example' },
    data: body,
  });
  expect(forged.status()).toBe(403);
  expect(await postOperationAs(admin, '/api/imports/targets/preview', body)).toMatchObject({ ok: true });
});
