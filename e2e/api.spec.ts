import { addOtherDepartment } from './support/data';
import { expect, test } from './support/fixtures';
import { apiAs } from './support/http';

type Row = { id: number; project: string; department: string; status: string };

test.describe('read API: same scope rules as the pages', () => {
  test.beforeAll(({ server }) => addOtherDepartment(server.dataDir));

  test('without a session both routes answer 401', async ({ server }) => {
    const anon = await apiAs(server.url, null);
    expect((await anon.get('/api/years/2024/evaluations')).status()).toBe(401);
    expect((await anon.get('/api/evaluations/1')).status()).toBe(401);
  });

  test('list and detail for every role', async ({ server }) => {
    const finance = await apiAs(server.url, 'finance');
    const all: Row[] = (await (await finance.get('/api/years/2024/evaluations')).json()).items;
    expect(all).toHaveLength(17);
    const own1 = all.slice(0, 9);
    const own2 = all.slice(9);

    const expectations: Array<[string, Row[]]> = [
      ['owner1', own1],
      ['owner2', own2],
      ['head', all],
      ['otherhead', []],
      ['otherowner', []],
      ['finance', all],
      ['admin', all],
    ];
    for (const [username, visible] of expectations) {
      const api = await apiAs(server.url, username);
      const list = await api.get('/api/years/2024/evaluations');
      expect(list.status(), username).toBe(200);
      const body = await list.json();
      expect(
        body.items.map((r: Row) => r.id),
        username,
      ).toEqual(visible.map((r) => r.id));
      for (const row of all) {
        const detail = await api.get(`/api/evaluations/${row.id}`);
        const allowed = visible.some((v) => v.id === row.id);
        expect(detail.status(), `${username} → ${row.project}`).toBe(allowed ? 200 : 403);
        if (allowed) {
          const json = await detail.json();
          expect(json.project.name).toBe(row.project);
          expect(json.indicators.length).toBeGreaterThan(0);
          // Other specs on this worker's server may have saved drafts: check the shape, not the values.
          expect(json.indicators[0]).toEqual(
            expect.objectContaining({
              target: expect.any(String),
              points: expect.any(String),
              explanation: expect.any(String),
            }),
          );
          expect(json.indicators[0]).toHaveProperty('actual');
        }
      }
    }
  });

  test('the list pages, sorts, searches and filters; bad parameters get 400 with a message', async ({ server }) => {
    const finance = await apiAs(server.url, 'finance');
    const get = async (query: string) => (await finance.get(`/api/years/2024/evaluations?${query}`)).json();
    const all: Row[] = (await get('')).items;
    expect(await get('pageSize=5&page=2')).toMatchObject({ total: 17, page: 2, pageSize: 5 });
    expect((await get('pageSize=5&page=2')).items.map((r: Row) => r.id)).toEqual(all.slice(5, 10).map((r) => r.id));
    expect((await get('page=9&pageSize=5')).items).toEqual([]);
    const byProject: Row[] = (await get('sort=-project')).items;
    expect(byProject.map((r) => r.project)).toEqual(
      [...all.map((r) => r.project)].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)),
    );
    const searched = await get(`q=${encodeURIComponent('三防')}`);
    expect(searched.total).toBeGreaterThan(0);
    expect(searched.items.every((r: Row) => r.project.includes('三防'))).toBe(true);
    const drafts = await get('status=draft&pageSize=500');
    expect(drafts.items.every((r: Row) => r.status === 'draft')).toBe(true);
    for (const bad of ['pageSize=501', 'page=0', 'sort=nonsense', 'status=nope', 'department=x']) {
      const res = await finance.get(`/api/years/2024/evaluations?${bad}`);
      expect(res.status(), bad).toBe(400);
      expect((await res.json()).error, bad).toMatch(/^参数有误：/);
    }
  });

  test('unknown evaluations and years are 404', async ({ server }) => {
    const finance = await apiAs(server.url, 'finance');
    expect((await finance.get('/api/evaluations/99999')).status()).toBe(404);
    expect((await finance.get('/api/evaluations/abc')).status()).toBe(404);
    expect((await finance.get('/api/years/1999/evaluations')).status()).toBe(404);
  });
});
