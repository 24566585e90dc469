import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseFile, migrateDatabase, openDatabase } from '../db';
import { buildBenchYear } from './bench-year';
async function main() {
  const dir = process.argv[3] ?? mkdtempSync(path.join(os.tmpdir(), 'b-'));
  const db = openDatabase(databaseFile(dir));
  migrateDatabase(db);
  const t = performance.now();
  const r = await buildBenchYear(db, { year: 2031, projectCount: Number(process.argv[2]) });
  console.log(dir, (performance.now() - t).toFixed(0), 'ms', r);
}
main();
