/**
 * npm run bench [-- --projects 2000 --keep --skip-http --skip-zip --pages-only --reuse <a kept folder>]
 * Builds a synthetic year (default 2,000 projects, ~7 indicators each, every workflow state) beside
 * the seed's in a temporary database through the real operations, times the year workbook and the
 * indicator CSV as the routes produce them, each in a fresh child process so its peak memory is its
 * own, then starts the real server on that database (the existing build: `npx next build` first) and
 * times the pages, the list API and the exports over HTTP at both sizes (scripts/bench-http.ts).
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { closeDatabase, databaseFile, migrateDatabase, openDatabase, type Db } from '../db';
import { yearBundleBatches } from '../db/queries/evaluations';
import { projectScopeCondition } from '../db/queries/projects';
import { findUserByUsername } from '../db/queries/users';
import { projects } from '../db/schema';
import { toSessionUser, type SessionUser } from '../lib/auth/scope';
import { indicatorCsvChunks } from '../lib/exports/indicators-csv';
import { writeYearWorkbook } from '../lib/exports/workbooks';
import { seedDemo } from '../lib/seed';
import { firstEvaluationId } from '../tests/first-evaluation';
import { benchHttp } from './bench-http';
import { buildBenchYear } from './bench-year';
import { tsxArgs } from './tsx';

const YEAR = 2031;
const SEED_YEAR = 2024;

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
    'skip-http': { type: 'boolean', default: false },
    'skip-zip': { type: 'boolean', default: false },
    'pages-only': { type: 'boolean', default: false },
    reuse: { type: 'string' },
    child: { type: 'string' },
    dir: { type: 'string' },
  },
});

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function sessionUser(db: Db, username: string): Promise<SessionUser> {
  return toSessionUser((await findUserByUsername(db, { username }))!);
}

async function buildYear(dir: string, projectCount: number) {
  const db = openDatabase(databaseFile(dir));
  await migrateDatabase(db);
  try {
    // The seed's year beside it, for the pages at its size (and its finance account, demo1234).
    await seedDemo(db);
    return await buildBenchYear(db, { year: YEAR, projectCount });
  } finally {
    closeDatabase(db);
  }
}

/** Runs in the child: one export, timed, with its own peak memory. */
async function child(kind: string, dir: string) {
  const baselineRss = process.resourceUsage().maxRSS * 1024;
  let heapPeak = 0;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 50);
  const db = openDatabase(databaseFile(dir));
  const finance = await sessionUser(db, 'finance');
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const where = and(eq(projects.year, YEAR), projectScopeCondition(finance));
  const batches = () => yearBundleBatches(db, { where });
  const loaded = performance.now();
  const file = path.join(dir, kind === 'xlsx' ? 'evaluations.xlsx' : 'indicators.csv');
  let rows = 0;
  let projectCount = 0;
  const output = createWriteStream(file);
  const done = once(output, 'close');
  if (kind === 'xlsx') {
    const written = await writeYearWorkbook({ year: YEAR, batches }, output);
    rows = written.rows;
    projectCount = written.projects;
  } else {
    const counted = async function* () {
      for await (const batch of batches()) {
        projectCount += batch.length;
        rows += batch.reduce((n, b) => n + b.indicators.length, 0);
        yield batch;
      }
    };
    await pipeline(Readable.from(indicatorCsvChunks(counted())), output);
  }
  await done;
  const finished = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  const report = {
    kind,
    projects: projectCount,
    rows,
    loadMs: loaded - started,
    writeMs: finished - loaded,
    // What the export cost this process (all its threads), whatever else the machine was doing.
    cpuMs: (cpu.user + cpu.system) / 1000,
    bytes: statSync(file).size,
    baselineRss,
    peakRss: process.resourceUsage().maxRSS * 1024,
    heapPeak,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  closeDatabase(db);
}

function runChild(kind: string, dir: string) {
  const result = spawnSync(process.execPath, tsxArgs(__filename, ['--child', kind, '--dir', dir]), {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`${kind} export failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

/** Pages, the list API and the exports over HTTP on the real server, for the synthetic year and the seed's. */
async function reportHttp(dir: string) {
  const db = openDatabase(databaseFile(dir));
  const evaluations = new Map<number, number>();
  for (const year of [YEAR, SEED_YEAR]) evaluations.set(year, await firstEvaluationId(db, eq(projects.year, year)));
  closeDatabase(db);
  process.stdout.write('\n通过 HTTP（真实服务器，以 finance 登录；页面取 5 次的中位数，导出 1 次）…\n');
  const timings = await benchHttp({
    dataDir: dir,
    years: [YEAR, SEED_YEAR],
    finance: { username: 'finance', password: 'demo1234' },
    admin: { username: 'admin', password: 'demo1234' },
    evaluationOf: (year) => evaluations.get(year)!,
    skipZip: values['skip-zip'],
    pagesOnly: values['pages-only'],
  });
  const lines = [
    ['请求', '年度', '中位 ms', 'KB', '服务器进程组峰值 RSS MB', 'Next 进程峰值 RSS MB'],
    ...timings.map((t) => [
      t.label,
      String(t.year),
      t.medianMs.toFixed(0),
      (t.bytes / 1024).toFixed(1),
      mb(t.peakRssBytes),
      mb(t.peakServerRssBytes),
    ]),
  ];
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  for (const l of lines) process.stdout.write(`${l.map((cell, c) => cell.padStart(widths[c])).join('  ')}\n`);
}

async function main() {
  if (values.child) return child(values.child, values.dir!);
  const projectCount = Number(values.projects);
  // --reuse: the folder a run with --keep left, measured again without building it.
  const dir = values.reuse ?? mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-'));
  try {
    if (!values.reuse) {
      process.stdout.write(`生成合成年度：${projectCount} 个项目（临时数据库 ${dir}）…\n`);
      const t0 = performance.now();
      const counts = await buildYear(dir, projectCount);
      process.stdout.write(
        `  用时 ${((performance.now() - t0) / 1000).toFixed(1)} s；${counts.indicators} 个指标；状态 ${JSON.stringify(counts.statuses)}\n\n`,
      );
    }

    const reports = values['pages-only'] ? [] : ['xlsx', 'csv'].map((kind) => runChild(kind, dir));
    const lines = [
      [
        '导出',
        '项目',
        '行',
        '读取 s',
        '生成 s',
        '合计 s',
        'CPU s',
        '文件 MB',
        '峰值 RSS MB',
        '起点 RSS MB',
        '峰值堆 MB',
      ],
      ...reports.map((r) => [
        r.kind === 'xlsx' ? 'evaluations.xlsx' : 'indicators.csv',
        String(r.projects),
        String(r.rows),
        (r.loadMs / 1000).toFixed(2),
        (r.writeMs / 1000).toFixed(2),
        ((r.loadMs + r.writeMs) / 1000).toFixed(2),
        (r.cpuMs / 1000).toFixed(2),
        mb(r.bytes),
        mb(r.peakRss),
        mb(r.baselineRss),
        mb(r.heapPeak),
      ]),
    ];
    const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
    for (const l of lines) process.stdout.write(`${l.map((cell, c) => cell.padStart(widths[c])).join('  ')}\n`);
    process.stdout.write(
      `\n（每项导出在独立子进程中运行：峰值 RSS 含 Node 与模块本身的起点 RSS；node ${process.version}，${os.cpus().length} 核）\n`,
    );
    if (!values['skip-http']) await reportHttp(dir);
  } finally {
    if (values.keep || values.reuse) process.stdout.write(`保留：${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
