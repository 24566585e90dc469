import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase, type Db } from '@/db';

export const ROOT = path.resolve(__dirname, '..');
export const SEED_FILE = path.join(ROOT, 'db', 'seed-data', 'baiyun-emergency-2024-targets.txt');
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

/** A real SQLite file in a fresh temporary folder, migrated. */
export function tempDatabase(): { db: Db; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-test-'));
  const db = openDatabase(path.join(dir, 'jixiao.sqlite'));
  migrateDatabase(db);
  return {
    db,
    dir,
    cleanup: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs one of the npm scripts' entry points as a real process. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [tsxCli, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
