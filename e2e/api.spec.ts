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
    const all: Row[] = (await (await finance.get('/api/years/2024/evaluations')).json()).evaluations;
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
        body.evaluations.map((r: Row) => r.id),
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

  test('unknown evaluations and years are 404', async ({ server }) => {
    const finance = await apiAs(server.url, 'finance');
    expect((await finance.get('/api/evaluations/99999')).status()).toBe(404);
    expect((await finance.get('/api/evaluations/abc')).status()).toBe(404);
    expect((await finance.get('/api/years/1999/evaluations')).status()).toBe(404);
  });
});
