import Database from 'better-sqlite3';
import { databaseFile, openDatabase } from '../db';
import { listEvaluationPage, evaluationListSpec } from '../db/queries/evaluation-list';
import { findUserByUsername } from '../db/queries/users';
import { toSessionUser } from '../lib/auth/scope';
import { readListQuery } from '../lib/lists/list-params';
import { loadOverview } from '../lib/overview/overview';
const statements: Array<{ query: string; params: unknown[] }> = [];
async function main() {
  const file = databaseFile(process.argv[2]);
  const db = openDatabase(file, { logger: { logQuery: (query, params) => statements.push({ query, params }) } });
  const user = toSessionUser((await findUserByUsername(db, { username: 'finance' }))!);
  statements.length = 0;
  if (process.argv[3] === 'api') {
    const spec = evaluationListSpec();
    const { query } = readListQuery(spec, new URLSearchParams('page=2&pageSize=100&sort=-selfScore'));
    await listEvaluationPage(db, { scope: { user, year: 2031 }, query });
  } else if (process.argv[3] === 'projects') {
    const spec = evaluationListSpec();
    const { query } = readListQuery(spec, new URLSearchParams(process.argv[4] ?? ''));
    await listEvaluationPage(db, { scope: { user, year: 2031 }, query });
  } else {
    await loadOverview(db, { user, year: 2031, deadline: null, params: {}, today: new Date() });
  }
  const raw = new Database(file, { readonly: true });
  for (const s of statements) {
    const stmt = raw.prepare(s.query);
    const params = s.params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
    stmt.all(...params);
    const t = performance.now();
    stmt.all(...params);
    const ms = performance.now() - t;
    console.log(`${ms.toFixed(1)} ms: ${s.query.slice(0, 3000)}`);
    for (const row of raw.prepare(`explain query plan ${s.query}`).all(...params) as Array<{ detail: string }>)
      console.log('    ', row.detail);
  }
}
main();
