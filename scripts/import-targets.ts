/**
 * npm run targets:import -- <file> [--year 2024] [--dry-run] [--json]
 * Imports a published 绩效目标表 (PDF-extracted text, or an .xlsx workbook) into the database in DATA_DIR.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, databaseFile, migrateDatabase, openAppDatabase } from '../db';
import { activeDialect } from '../db/dialect';
import { importTargetTable, type ImportOutcome } from '../lib/targets/import-table';
import { parseTargetFile } from '../lib/targets/source';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file) fail('用法：npm run targets:import -- <文件> [--year 2024] [--dry-run] [--json]');
  if (!existsSync(file)) fail(`找不到文件：${file}`);

  // Refused unread when over the import limits (lib/targets/import-limits.ts).
  const parsed = await parseTargetFile(file);
  if (!parsed.ok) fail(parsed.refusal.message);
  const { table } = parsed;
  const year = values.year ? Number(values.year) : table.year;
  if (!year || !Number.isInteger(year) || year < 2000 || year > 2100)
    fail('无法确定年度：请用 --year 指定，例如 --year 2024');

  const dryRun = values['dry-run'];
  // A dry run never creates the database file: without one it runs against an empty, throwaway one.
  const scratch =
    dryRun && activeDialect() === 'sqlite' && !existsSync(databaseFile())
      ? mkdtempSync(path.join(os.tmpdir(), 'jixiao-dry-run-'))
      : null;
  const db = openAppDatabase(scratch ?? undefined);
  await migrateDatabase(db);
  let outcome: ImportOutcome;
  try {
    outcome = await importTargetTable(db, { table, year, dryRun });
  } finally {
    await closeDatabase(db);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  } else {
    process.stdout.write(describe(outcome));
  }
}

function describe(o: ImportOutcome): string {
  const lines = [
    `${o.dryRun ? '【试运行，未写入】' : ''}${o.department} ${o.year} 年绩效目标表`,
    `项目 ${o.projects} 个，指标 ${o.indicators} 个（定性 ${o.qualitative} 个），预算合计 ${o.budgetTotal} 万元`,
    `新增 ${o.created.length}，更新 ${o.updated.length}，未变 ${o.unchanged.length}，保留 ${o.kept.length}`,
    ...o.kept.map((k) => `  保留：${k.project}（${k.reason}）`),
    `提示 ${o.warnings.length} 条：`,
    ...o.warnings.map((w) => `  ${w.project ?? '全表'}${w.row ? ` 第${w.row}项` : ''}：${w.message}`),
  ];
  return `${lines.join('\n')}\n`;
}

void main();
