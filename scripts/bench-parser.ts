/**
 * npm run bench:parser [-- --sizes 1,8,30 --repeat 3 --kinds realistic,long-line,…]
 * Times the target-table text parser on a realistic table and on each pathological one
 * (lib/targets/synthetic-tables.ts) at each size in MB, the median of `repeat` runs; then times the
 * command line's refusal of crafted workbooks as the acceptance states it: the whole
 * `npm run --silent targets:import -- <file> --dry-run`, wall time and peak RSS of the process tree.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  handMadeWorkbook,
  sheetData,
  understateEntrySize,
  workbookWithCellAt,
  zipBomb,
} from '../lib/targets/hostile-workbooks';
import { parseTargetTable } from '../lib/targets/parse-target-table';
import { PATHOLOGICAL_TABLES, realisticTable } from '../lib/targets/synthetic-tables';

const ROOT = path.resolve(__dirname, '..');
const SEED = readFileSync(path.join(ROOT, 'db/seed-data/baiyun-emergency-2024-targets.txt'), 'utf8');
const MB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,8,30' },
    repeat: { type: 'string', default: '3' },
    kinds: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const repeat = Math.max(1, Number(values.repeat));
const kinds = [
  { kind: 'realistic', build: (seed: string, bytes: number) => realisticTable(seed, bytes).text },
  ...PATHOLOGICAL_TABLES,
].filter((k) => !values.kinds || values.kinds.split(',').includes(k.kind));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (cells: Array<string | number>, widths: number[]) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');

function benchParser() {
  const widths = [20, 10, 10, 10, 9, 11];
  console.log('Target-table text parser (median of %d runs)', repeat);
  console.log(row(['input', 'size MB', 'parse ms', 'MB/s', 'projects', 'indicators'], widths));
  for (const { kind, build } of kinds) {
    for (const size of sizes) {
      const text = build(SEED, size * MB);
      const times: number[] = [];
      let table = parseTargetTable('');
      for (let i = 0; i < repeat; i++) {
        const start = performance.now();
        table = parseTargetTable(text);
        times.push(performance.now() - start);
      }
      const ms = median(times);
      const bytes = Buffer.byteLength(text);
      const indicators = table.projects.reduce((n, p) => n + p.indicators.length, 0);
      console.log(
        row(
          [
            kind,
            (bytes / MB).toFixed(1),
            ms.toFixed(0),
            (bytes / MB / (ms / 1000)).toFixed(1),
            table.projects.length,
            indicators,
          ],
          widths,
        ),
      );
    }
  }
}

const TIME = '/usr/bin/time';

/** Wall time and, with GNU time, the peak RSS of the largest process of the command's tree. */
function measure(args: string[], env: Record<string, string>) {
  const withTime = existsSync(TIME);
  const command = withTime ? TIME : 'npm';
  const argv = withTime ? ['-f', 'peak-rss-kb=%M', 'npm', ...args] : args;
  const start = performance.now();
  const result = spawnSync(command, argv, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = (performance.now() - start) / 1000;
  const rss = /peak-rss-kb=(\d+)/.exec(result.stderr)?.[1];
  const message = result.stderr
    .replace(/peak-rss-kb=\d+\s*$/, '')
    .replace(/^Command exited with non-zero status \d+$/m, '')
    .trim();
  return { seconds, rssMb: rss ? Number(rss) / 1024 : null, status: result.status, message };
}

async function benchRefusals() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-parser-'));
  try {
    const files: Array<[string, Buffer]> = [
      ['cell at row 1,048,576 (exceljs)', await workbookWithCellAt('A1048576')],
      [
        'dimension lies (A1:C3)',
        await handMadeWorkbook({ sheet: `<dimension ref="A1:C3"/>${sheetData(['A1', 'A1048576'])}` }),
      ],
      [
        'merge A1:XFD1048576',
        await handMadeWorkbook({
          sheet: `${sheetData(['A1'])}<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>`,
        }),
      ],
      ['zip bomb, 60 MB inflated', await zipBomb(60 * MB)],
      ['size understated in zip', understateEntrySize(await zipBomb(40 * MB), 'xl/media/padding.bin', 1024)],
    ];
    console.log('\nnpm run --silent targets:import -- <file> --dry-run on crafted workbooks');
    const widths = [32, 9, 8, 12, 6];
    console.log(row(['workbook', 'file KB', 'time s', 'peak RSS MB', 'exit'], widths), ' message');
    // What starting npm, tsx and the command costs before it reads anything.
    files.unshift(['(no such file: startup only)', Buffer.alloc(0)]);
    for (const [label, bytes] of files) {
      const file = path.join(dir, bytes.length ? 'crafted.xlsx' : 'missing.xlsx');
      if (bytes.length) writeFileSync(file, bytes);
      const m = measure(['run', '--silent', 'targets:import', '--', file, '--dry-run'], { DATA_DIR: dir });
      const rss = m.rssMb === null ? 'n/a' : m.rssMb.toFixed(0);
      console.log(
        row([label, (bytes.length / 1024).toFixed(1), m.seconds.toFixed(2), rss, m.status ?? '-'], widths),
        ` ${m.message}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}\n`);
  benchParser();
  await benchRefusals();
}

void main();
