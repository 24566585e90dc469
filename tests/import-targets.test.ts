import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, databaseFile } from '@/db';
import { evaluations, indicatorResults, indicators, projects } from '@/db/schema';
import { importTargetTable } from '@/lib/targets/import-table';
import { parseTargetTable } from '@/lib/targets/parse-target-table';
import { arrange, rowOf, rowsOf, runScript, scriptDatabase, SEED_FILE, tempDatabase } from './helpers';
import { SEED_SUMMARY } from './seed-facts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A data folder and the database the script runs on (the SQLite file in it, or a PostgreSQL database). */
async function scriptTarget() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-import-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const database = await scriptDatabase(dataDir);
  cleanups.push(database.cleanup);
  const count = async (table: typeof projects | typeof indicators) => {
    const db = database.open();
    return db.$count(table).finally(() => closeDatabase(db));
  };
  return { dataDir, env: database.env, count };
}

describe('npm run targets:import', () => {
  it('--dry-run --json prints the report of the seed and writes nothing', async () => {
    const target = await scriptTarget();
    const { status, stdout } = runScript('scripts/import-targets.ts', [SEED_FILE, '--dry-run', '--json'], target.env);
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject(SEED_SUMMARY);
    const mismatches = report.warnings.filter((w: { message: string }) => w.message.includes('不属于一级指标'));
    expect(mismatches).toHaveLength(2);
    for (const w of report.warnings)
      expect(w).toEqual(
        expect.objectContaining({
          project: expect.anything(),
          row: expect.toSatisfy((r) => r === null || Number.isInteger(r)),
          message: expect.any(String),
        }),
      );
    // On SQLite not even the file is created; on PostgreSQL the database keeps no project.
    if (target.env.DATABASE_URL) expect(await target.count(projects)).toBe(0);
    expect(existsSync(databaseFile(target.dataDir))).toBe(false);
  });

  it('imports once, and a second import of the same table leaves one copy', async () => {
    const target = await scriptTarget();
    const first = runScript('scripts/import-targets.ts', [SEED_FILE, '--json'], target.env);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout).created).toHaveLength(17);
    const second = runScript('scripts/import-targets.ts', [SEED_FILE, '--json'], target.env);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: [], updated: [], kept: [] });
    expect(JSON.parse(second.stdout).unchanged).toHaveLength(17);

    expect(await target.count(projects)).toBe(17);
    expect(await target.count(indicators)).toBe(113);
  });

  it('refuses a file it cannot find, or a year it cannot determine, with exit code 2', async () => {
    const target = await scriptTarget();
    expect(runScript('scripts/import-targets.ts', ['/no/such/file.txt'], target.env).status).toBe(2);
    const file = path.join(target.dataDir, 'no-year.txt');
    writeFileSync(file, readFileSync(SEED_FILE, 'utf8').replace('2024年项目支出绩效目标表', '项目支出绩效目标表'));
    const result = runScript('scripts/import-targets.ts', [file, '--dry-run'], target.env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--year');
  });
});

describe('importTargetTable re-import rules', () => {
  const seed = parseTargetTable(readFileSync(SEED_FILE, 'utf8'));

  it('updates targets of projects without evaluation data and keeps those whose evaluation started', async () => {
    const { db, cleanup } = await tempDatabase();
    try {
      await importTargetTable(db, { table: seed, year: 2024 });
      const [started, untouched] = await db.select().from(projects).orderBy(projects.position).limit(2);
      const evaluation = (await rowOf(db, evaluations, eq(evaluations.projectId, started.id)))!;
      const indicator = (await rowOf(db, indicators, eq(indicators.projectId, started.id)))!;
      // What a save leaves: a result (here only an explanation, no actual) and the next version.
      await arrange(db, (tx) =>
        tx
          .insert(indicatorResults)
          .values({ evaluationId: evaluation.id, indicatorId: indicator.id, explanation: '已保存的说明' }),
      );
      await arrange(db, (tx) => tx.update(evaluations).set({ version: 2 }).where(eq(evaluations.id, evaluation.id)));

      const changed = parseTargetTable(
        readFileSync(SEED_FILE, 'utf8')
          .replaceAll('年度指标值:≥98%', '年度指标值:≥99%')
          .replace(
            '值:100%；年度指标值:100%。2、1-产出指标；11-数量指标；组织应急',
            '值:100%；年度指标值:90%。2、1-产出指标；11-数量指标；组织应急',
          ),
      );
      const outcome = await importTargetTable(db, { table: changed, year: 2024 });
      expect(outcome.kept).toEqual([{ project: started.name, reason: expect.stringContaining('已开始') }]);
      expect(outcome.updated).toEqual([untouched.name]);
      expect((await rowOf(db, indicatorResults, eq(indicatorResults.evaluationId, evaluation.id)))?.explanation).toBe(
        '已保存的说明',
      );
      const stored = await rowsOf(db, indicators, eq(indicators.projectId, started.id));
      expect(stored.filter((i) => i.annualTargetText === '≥98%')).toHaveLength(3);
      const updated = await db
        .select()
        .from(indicators)
        .where(eq(indicators.projectId, untouched.id))
        .orderBy(indicators.position);
      expect(updated[0].annualTargetText).toBe('90%');
      expect(await db.$count(projects)).toBe(17);
    } finally {
      await cleanup();
    }
  });

  it('a dry run reports what would happen and leaves the database unchanged', async () => {
    const { db, cleanup } = await tempDatabase();
    try {
      const outcome = await importTargetTable(db, { table: seed, year: 2024, dryRun: true });
      expect(outcome.created).toHaveLength(17);
      expect(await db.$count(projects)).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
