/**
 * npm run bench:durability [-- --saves 200]
 * What synchronous=FULL costs a save: the demo database in a temporary folder, opened once with
 * FULL (what the app runs) and once with NORMAL, the same owner saving the same draft `saves` times
 * through the real operation; then one small transaction alone, which is the commit and its fsync.
 * Per save: median and 95th percentile in milliseconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  closeDatabase,
  databaseFile,
  migrateDatabase,
  openDatabase,
  transaction,
  type Db,
  type Durability,
} from '../db';
import { loadEvaluationBundle } from '../db/queries/evaluations';
import { findUserByUsername } from '../db/queries/users';
import { auditLog } from '../db/schema';
import { toSessionUser } from '../lib/auth/scope';
import { draftFormValues } from '../lib/evaluations/form-values';
import { saveDraftOperation } from '../lib/evaluations/save-draft';
import { runOperation } from '../lib/operations';
import { seedDemo } from '../lib/seed';

const { values } = parseArgs({ options: { saves: { type: 'string', default: '200' } } });
const saves = Math.max(10, Number(values.saves));

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)];

async function timed(times: number, work: (i: number) => Promise<void>) {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await work(i);
    ms.push(performance.now() - start);
  }
  return { median: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
}

async function measure(durability: Durability) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-durability-'));
  const seeded = openDatabase(databaseFile(dir));
  await migrateDatabase(seeded);
  await seedDemo(seeded);
  closeDatabase(seeded);

  const db: Db = openDatabase(databaseFile(dir), { durability });
  const owner = toSessionUser((await findUserByUsername(db, { username: 'owner1' }))!);
  const evaluationId = 1;
  const save = await timed(saves, async (i) => {
    const draft = draftFormValues((await loadEvaluationBundle(db, { evaluationId }))!);
    const answer = await runOperation(saveDraftOperation, owner, { ...draft, goalActual: `第 ${i} 次保存` }, db);
    if (!answer.ok) throw new Error(answer.message);
  });
  const commit = await timed(saves, (i) =>
    transaction(db, async (tx) => {
      await tx.insert(auditLog).values({ entityType: 'year', action: 'year_settings', field: `bench ${i}` });
    }),
  );
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
  return { durability, save, commit };
}

async function main() {
  const rows = [await measure('NORMAL'), await measure('FULL')];
  const f = (n: number) => n.toFixed(2).padStart(8);
  console.log(`synchronous = NORMAL vs FULL, ${saves} saves of a 9-indicator draft (ms)`);
  console.log('synchronous   save p50  save p95  commit p50  commit p95');
  for (const r of rows)
    console.log(
      `${r.durability.padEnd(12)}${f(r.save.median)}  ${f(r.save.p95)}    ${f(r.commit.median)}    ${f(r.commit.p95)}`,
    );
  const [normal, full] = rows;
  console.log(`FULL costs ${(full.save.median - normal.save.median).toFixed(2)} ms more per save (median)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
