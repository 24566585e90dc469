/**
 * npm run bench:report [-- --projects 100]
 * The 自评报告 and the offline entry workbook at a department's size: builds a synthetic year with
 * `npm run bench -- --keep` (one department of `--projects` projects, one owner for all of them),
 * then times, in this process, the department report (.docx) and the owner's one workbook for every
 * draft project: build, preview of the filled upload, confirm (saved through the save operation).
 * CPU time is printed beside wall time: on a shared machine the wall time mostly measures the others.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { closeDatabase, databaseFile, openDatabase, type Db } from '../db';
import { findUserByUsername } from '../db/queries/users';
import { toSessionUser, type SessionUser } from '../lib/auth/scope';
import { confirmEntryImportOperation, previewEntryImportOperation } from '../lib/entry/import-operations';
import { COLUMNS, parseIndicatorRowKey } from '../lib/entry/layout';
import { loadOwnerEntryBundles } from '../lib/entry/owner-bundles';
import { buildEntryWorkbook } from '../lib/entry/write-workbook';
import { runOperation } from '../lib/operations';
import { departmentReportDocx } from '../lib/reports/docx';
import { loadDepartmentReport } from '../lib/reports/load-reports';
import { tsxArgs } from './tsx';

const YEAR = 2031;
const { values } = parseArgs({ options: { projects: { type: 'string', default: '100' } } });

async function sessionUser(db: Db, username: string): Promise<SessionUser> {
  return toSessionUser((await findUserByUsername(db, { username }))!);
}

function buildYear(projects: string): string {
  const run = spawnSync(
    process.execPath,
    tsxArgs('scripts/bench.ts', ['--projects', projects, '--keep', '--skip-http']),
    {
      encoding: 'utf8',
      maxBuffer: 1 << 22,
    },
  );
  const kept = /保留：(.+)$/m.exec(run.stdout ?? '');
  if (run.status !== 0 || !kept) throw new Error(`npm run bench failed:\n${run.stderr}`);
  return kept[1].trim();
}

/** Every open value cell gets an answer: a tier where there is a dropdown, a number elsewhere. */
function fillIn(wb: ExcelJS.Workbook): number {
  let cells = 0;
  for (const ws of wb.worksheets)
    ws.eachRow((row) => {
      if (!parseIndicatorRowKey(String(row.getCell(COLUMNS.key).value ?? ''))) return;
      const cell = row.getCell(COLUMNS.value);
      if (cell.protection?.locked !== false || (cell.value ?? '') !== '') return;
      cell.value = cell.dataValidation?.type === 'list' ? '达成' : '1';
      cells++;
    });
  return cells;
}

async function timed<T>(label: string, work: () => Promise<T>, detail: (value: T) => string): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const used = process.cpuUsage(cpu);
  const cpuSeconds = ((used.user + used.system) / 1e6).toFixed(2);
  process.stdout.write(`${label.padEnd(28)} ${seconds.padStart(6)} s（CPU ${cpuSeconds} s）  ${detail(value)}\n`);
  return value;
}

async function main() {
  process.stdout.write(`生成合成年度（npm run bench -- --projects ${values.projects} --keep）…\n`);
  const dir = buildYear(values.projects);
  const db = openDatabase(databaseFile(dir));
  try {
    const head = await sessionUser(db, 'dept0-head');
    const owner = await sessionUser(db, 'dept0-owner');
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

    await timed(
      'department report.docx',
      async () => {
        const found = await loadDepartmentReport(db, { user: head, year: YEAR, department: String(head.departmentId) });
        if (!found.ok) throw new Error(found.message);
        return { projects: found.report.projects.length, bytes: await departmentReportDocx(found.report) };
      },
      (r) => `${r.projects} 个项目，${mb(r.bytes.length)}`,
    );

    const workbook = await timed(
      'entry.xlsx (owner, year)',
      async () => {
        const found = await loadOwnerEntryBundles(db, { user: owner, year: YEAR });
        if (!found.ok) throw new Error(found.message);
        return { sheets: found.bundles.length, bytes: await buildEntryWorkbook(found.bundles) };
      },
      (r) => `${r.sheets} 个工作表，${mb(r.bytes.length)}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(workbook.bytes as unknown as ExcelJS.Buffer);
    const filled = fillIn(wb);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const input = { target: { kind: 'year', year: YEAR }, fileName: 'entry.xlsx', content };

    const preview = await timed(
      'upload preview',
      async () => {
        const answer = await runOperation(previewEntryImportOperation, owner, input, db);
        if (!answer.ok) throw new Error(answer.message);
        return answer.data;
      },
      (p) => `${filled} 个单元格填写，${p.changes} 处修改，${p.problems} 处问题`,
    );
    await timed(
      'confirm (save operation)',
      async () => {
        const answer = await runOperation(confirmEntryImportOperation, owner, { ...input, digest: preview.digest }, db);
        if (!answer.ok) throw new Error(answer.message);
        return answer.data;
      },
      (c) => `${c.saved} 个项目，${c.changes} 处修改`,
    );
  } finally {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
