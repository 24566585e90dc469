import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/db';
import { departments, indicators, projects } from '@/db/schema';
import { targetTableText } from '@/scripts/synthetic-tables-text';
import { syntheticDepartment } from '@/scripts/synthetic-year';
import { runScript, scriptDatabase } from './helpers';

/** Several departments' tables in folders (one nested, one file that is not a table), imported in one run. */
const root = mkdtempSync(path.join(os.tmpdir(), 'jixiao-import-many-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const tables = [0, 1, 2, 3].map((d) => syntheticDepartment(d, 5, 2031));
const folder = path.join(root, 'tables');
mkdirSync(path.join(folder, 'more'), { recursive: true });
writeFileSync(path.join(folder, '1.txt'), targetTableText(tables[0]));
writeFileSync(path.join(folder, '2.txt'), targetTableText(tables[1]));
writeFileSync(path.join(folder, 'more', '3.txt'), targetTableText(tables[2]));
writeFileSync(path.join(folder, 'readme.md'), '不是目标表');
const single = path.join(root, '4.txt');
writeFileSync(single, targetTableText(tables[3]));
const projectCount = 20;
const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});

/** A fresh data folder and the database the script runs on there (the SQLite file, or a PostgreSQL database). */
async function scriptTarget() {
  const database = await scriptDatabase(mkdtempSync(path.join(root, 'data-')));
  drops.push(database.cleanup);
  return database;
}
const indicatorCount = tables.reduce((n, t) => n + t.projects.reduce((m, p) => m + p.indicators.length, 0), 0);

describe('npm run targets:import with several files and folders', () => {
  it('imports every table of the folders and files named, with progress on stderr and one summary', async () => {
    const target = await scriptTarget();
    const run = runScript('scripts/import-targets.ts', [folder, single, '--json'], target.env);
    expect(run.status).toBe(0);
    const progress = run.stderr.trim().split('\n');
    expect(progress).toHaveLength(4);
    expect(progress[0]).toMatch(/^\[1\/4\] .*1\.txt：5 个项目；累计 5 个项目$/);
    expect(progress[3]).toMatch(/^\[4\/4\] .*4\.txt：5 个项目；累计 20 个项目$/);

    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ files: 4, imported: 4, failed: 0, projects: projectCount, created: projectCount });
    expect(summary.indicators).toBe(indicatorCount);
    expect(summary.entries.map((e: { file: string }) => path.relative(root, e.file))).toEqual([
      'tables/1.txt',
      'tables/2.txt',
      'tables/more/3.txt',
      '4.txt',
    ]);
    expect(summary.entries.map((e: { department: string }) => e.department)).toEqual(tables.map((t) => t.department));

    const db = target.open();
    try {
      expect(await db.$count(departments)).toBe(4);
      expect(await db.$count(projects)).toBe(projectCount);
      expect(await db.$count(indicators)).toBe(indicatorCount);
    } finally {
      await closeDatabase(db);
    }

    const again = runScript('scripts/import-targets.ts', [folder, single], target.env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('4 个文件：导入 4 个，未导入 0 个');
    expect(again.stdout).toContain('新增 0，更新 0，未变 20，保留 0');
  });

  it('reports a file it cannot import, imports the rest, and exits with 2', async () => {
    const bad = path.join(root, 'bad.xlsx');
    writeFileSync(bad, '这不是 xlsx');
    const run = runScript(
      'scripts/import-targets.ts',
      [single, bad, '--dry-run', '--json'],
      (await scriptTarget()).env,
    );
    expect(run.status).toBe(2);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ dryRun: true, files: 2, imported: 1, failed: 1, projects: 5 });
    expect(summary.entries[1]).toMatchObject({ ok: false, error: expect.any(String) });
    expect(run.stderr).toContain('[2/2]');
  });
});
