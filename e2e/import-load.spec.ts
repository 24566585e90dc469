import { IMPORT_LIMITS } from '../lib/targets/import-limits';
import { realisticTable } from '../lib/targets/synthetic-tables';
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
/** The bound the acceptance line states for another user's page during a large preview (generous: see docs/benchmarks.md). */
const PAGE_BOUND_MS = 1000;

const percentile = (ms: number[], p: number) => [...ms].sort((a, b) => a - b)[Math.floor((ms.length - 1) * p)];

const source = (content: string) => ({
  year: '2031',
  sourceName: '压力测试',
  format: 'text',
  content,
  departmentId: '',
});

test('a preview of a text table at its 8 MB limit runs while another user’s pages answer in under a second', async ({
  finance,
  owner,
}) => {
  test.setTimeout(180_000);
  // The seed's projects repeated to just under the text limit: thousands of projects to parse and dry-run.
  let { text } = realisticTable(SEED_TARGETS, IMPORT_LIMITS.textBytes - 64 * 1024);
  while (Buffer.byteLength(text) > IMPORT_LIMITS.textBytes) text = text.slice(0, text.lastIndexOf('\n\n'));
  expect(Buffer.byteLength(text)).toBeGreaterThan(7 * MB);

  const timedPage = async () => {
    const at = Date.now();
    const res = await owner.get('/projects');
    expect(res.status()).toBe(200);
    await res.body();
    return Date.now() - at;
  };
  const before: number[] = [];
  for (let i = 0; i < 6; i++) before.push(await timedPage());

  const started = Date.now();
  let previewDone = false;
  const preview = postOperationAs(finance, '/api/imports/targets/preview', source(text)).finally(() => {
    previewDone = true;
  });
  const pages: number[] = [];
  while (!previewDone) {
    const took = await timedPage();
    if (!previewDone) pages.push(took);
  }
  const answer = await preview;
  const previewMs = Date.now() - started;
  expect(answer, answer.message).toMatchObject({ ok: true });
  const outcome = (answer.data as { outcome: { projects: number; dryRun: boolean } }).outcome;
  expect(outcome.dryRun).toBe(true);
  expect(outcome.projects).toBeGreaterThan(4000);

  const median = (ms: number[]) => percentile(ms, 0.5);
  console.log(
    `preview of ${(Buffer.byteLength(text) / MB).toFixed(2)} MB (${outcome.projects} projects): ${previewMs} ms; ` +
      `owner1's /projects before it: median ${median(before)} ms, slowest ${Math.max(...before)} ms; ` +
      `during it: ${pages.length} pages, median ${median(pages)} ms, 90th percentile ${percentile(pages, 0.9)} ms, ` +
      `slowest ${Math.max(...pages)} ms`,
  );
  // The preview took long enough for the page to be asked many times while it ran, and the page answered in
  // under the bound nine times in ten. Not every time: on the shared 2-core machine the same page sometimes takes
  // over a second with no import running at all (the `before` numbers above); a preview that held the thread
  // would make nearly every page wait for it (tens of seconds), and fewer than five would be asked.
  expect(pages.length).toBeGreaterThanOrEqual(5);
  expect(percentile(pages, 0.9)).toBeLessThan(PAGE_BOUND_MS);
  // Nothing was written: the year does not exist.
  expect((await finance.get('/api/years/2031/evaluations')).status()).toBe(404);
});

test('the 16 MB body limit is the imports’ alone: a 10 MB body to an ordinary action is refused', async ({
  finance,
  owner,
}) => {
  test.setTimeout(120_000);

  // An ordinary action (save draft): 3 MB of text reaches the form's schema and gets its field message; 5 MB and
  // 10 MB are refused by the actions' limit before the operation runs. Nothing is saved.
  const list = await (await owner.get('/api/years/2024/evaluations')).json();
  const id: number = list.items[0].id;
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
