/**
 * npm run targets:import -- <files or folders…> [--year 2024] [--dry-run] [--json]
 * Imports published 绩效目标表 (PDF-extracted text, or .xlsx workbooks) into the database in DATA_DIR:
 * every file named, and every .txt / .xlsx inside a folder named (its subfolders too), one
 * transaction per file, with progress on stderr. One file prints its report as before; several print
 * one summary (with --json: the totals and one entry per file).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, databaseFile, migrateDatabase, openAppDatabase, type Db } from '../db';
import { activeDialect } from '../db/dialect';
import { importTargetTable, type ImportOutcome } from '../lib/targets/import-table';
import { parseTargetFile } from '../lib/targets/source';

const USAGE = '用法：npm run targets:import -- <文件或文件夹…> [--year 2024] [--dry-run] [--json]';
const TABLE_FILE = /\.(txt|xlsx)$/i;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** The files the arguments name: a file as given, a folder's .txt / .xlsx files in name order, depth first. */
function tableFiles(args: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))
      .flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return walk(full);
        return entry.isFile() && TABLE_FILE.test(entry.name) ? [full] : [];
      });
  return args.flatMap((arg) => {
    if (!existsSync(arg)) fail(`找不到文件：${arg}`);
    return statSync(arg).isDirectory() ? walk(arg) : [arg];
  });
}

type FileResult = { file: string } & ({ ok: true; outcome: ImportOutcome } | { ok: false; error: string });

async function importFile(db: Db, file: string, { year, dryRun }: { year?: number; dryRun: boolean }) {
  // Refused unread when over the import limits (lib/targets/import-limits.ts).
  const parsed = await parseTargetFile(file);
  if (!parsed.ok) return { file, ok: false as const, error: parsed.refusal.message };
  const tableYear = year ?? parsed.table.year;
  if (!tableYear || !Number.isInteger(tableYear) || tableYear < 2000 || tableYear > 2100)
    return { file, ok: false as const, error: '无法确定年度：请用 --year 指定，例如 --year 2024' };
  return {
    file,
    ok: true as const,
    outcome: await importTargetTable(db, { table: parsed.table, year: tableYear, dryRun }),
  };
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
  if (positionals.length === 0) fail(USAGE);
  const files = tableFiles(positionals);
  if (files.length === 0) fail(`文件夹中没有 .txt 或 .xlsx 文件：${positionals.join('、')}`);
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100))
    fail('年度有误：--year 应为 2000–2100 之间的整数，例如 --year 2024');
  const single = files.length === 1 && !statSync(positionals[0]).isDirectory();

  const dryRun = values['dry-run'];
  // A dry run never creates the database file: without one it runs against an empty, throwaway one.
  const scratch =
    dryRun && activeDialect() === 'sqlite' && !existsSync(databaseFile())
      ? mkdtempSync(path.join(os.tmpdir(), 'jixiao-dry-run-'))
      : null;
  const db = openAppDatabase(scratch ?? undefined);
  await migrateDatabase(db);
  const results: FileResult[] = [];
  const started = performance.now();
  try {
    let projects = 0;
    for (const [i, file] of files.entries()) {
      const result = await importFile(db, file, { year, dryRun });
      results.push(result);
      if (result.ok) projects += result.outcome.projects;
      if (!single)
        process.stderr.write(
          `[${i + 1}/${files.length}] ${file}：${result.ok ? `${result.outcome.projects} 个项目` : `未导入（${result.error}）`}；累计 ${projects} 个项目\n`,
        );
    }
  } finally {
    await closeDatabase(db);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }

  if (single) {
    const [only] = results;
    if (!only.ok) fail(only.error);
    process.stdout.write(values.json ? `${JSON.stringify(only.outcome, null, 2)}\n` : describe(only.outcome));
    return;
  }
  const summary = summarize(results, { dryRun, seconds: (performance.now() - started) / 1000 });
  process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : describeSummary(summary, results));
  if (summary.failed > 0) process.exitCode = 2;
}

/** The totals of a run over several files, and one entry per file. */
function summarize(results: FileResult[], { dryRun, seconds }: { dryRun: boolean; seconds: number }) {
  const done = results.flatMap((r) => (r.ok ? [r.outcome] : []));
  const total = (pick: (o: ImportOutcome) => number) => done.reduce((n, o) => n + pick(o), 0);
  return {
    dryRun,
    seconds: Number(seconds.toFixed(1)),
    files: results.length,
    imported: done.length,
    failed: results.length - done.length,
    projects: total((o) => o.projects),
    indicators: total((o) => o.indicators),
    created: total((o) => o.created.length),
    updated: total((o) => o.updated.length),
    unchanged: total((o) => o.unchanged.length),
    kept: total((o) => o.kept.length),
    warnings: total((o) => o.warnings.length),
    entries: results.map((r) =>
      r.ok
        ? {
            file: r.file,
            ok: true,
            department: r.outcome.department,
            year: r.outcome.year,
            projects: r.outcome.projects,
            indicators: r.outcome.indicators,
            created: r.outcome.created.length,
            updated: r.outcome.updated.length,
            unchanged: r.outcome.unchanged.length,
            kept: r.outcome.kept.length,
            warnings: r.outcome.warnings.length,
          }
        : { file: r.file, ok: false, error: r.error },
    ),
  };
}

function describeSummary(s: ReturnType<typeof summarize>, results: FileResult[]): string {
  const lines = [
    `${s.dryRun ? '【试运行，未写入】' : ''}${s.files} 个文件：导入 ${s.imported} 个，未导入 ${s.failed} 个（用时 ${s.seconds} s）`,
    `项目 ${s.projects} 个，指标 ${s.indicators} 个；新增 ${s.created}，更新 ${s.updated}，未变 ${s.unchanged}，保留 ${s.kept}；提示 ${s.warnings} 条`,
    ...results.flatMap((r) => (r.ok ? [] : [`  未导入：${r.file}（${r.error}）`])),
  ];
  return `${lines.join('\n')}\n`;
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
