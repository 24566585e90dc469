/**
 * npm run bench:import [-- --tables 200 --projects 100]
 * Writes `tables` synthetic department tables of `projects` projects each (PDF-extracted text, as
 * scripts/synthetic-tables-text.ts renders them) into a temporary folder, then runs
 * `targets:import` on that folder as a real process on an empty data folder, and prints its wall
 * time, its last progress line and its summary.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { targetTableText } from './synthetic-tables-text';
import { syntheticDepartment } from './synthetic-year';
import { tsxArgs } from './tsx';

const { values } = parseArgs({
  options: { tables: { type: 'string', default: '200' }, projects: { type: 'string', default: '100' } },
});

function main() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-import-'));
  try {
    const folder = path.join(root, 'tables');
    mkdirSync(folder);
    let bytes = 0;
    for (let d = 0; d < Number(values.tables); d++) {
      const text = targetTableText(syntheticDepartment(d, Number(values.projects), 2031));
      bytes += Buffer.byteLength(text);
      writeFileSync(path.join(folder, `${String(d + 1).padStart(3, '0')}.txt`), text);
    }
    process.stdout.write(
      `${values.tables} 个目标表，每个 ${values.projects} 个项目，共 ${(bytes / 1e6).toFixed(1)} MB\n`,
    );
    const started = performance.now();
    const run = spawnSync(process.execPath, tsxArgs('scripts/import-targets.ts', [folder, '--json']), {
      env: { ...process.env, DATA_DIR: path.join(root, 'data') },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`targets:import failed (${run.status}):\n${run.stderr}`);
    const progress = run.stderr.trim().split('\n');
    const { entries: _entries, ...summary } = JSON.parse(run.stdout);
    process.stdout.write(`进度 ${progress.length} 行，最后一行：${progress.at(-1)}\n`);
    process.stdout.write(`汇总：${JSON.stringify(summary)}\n`);
    process.stdout.write(`整个命令（含启动）用时 ${seconds.toFixed(1)} s\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
