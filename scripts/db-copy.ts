/**
 * npm run db:copy -- --from <SQLite file or postgres:// URL> --to <postgres:// URL>
 * Moves a whole database into an empty PostgreSQL database (migrated first, as `npm start` would):
 * every table in one transaction on the target, each read back and compared with the source by its
 * row count and sha256. Stop the app while it runs; the source is only read.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copyDatabase } from '../db/copy';
import { dialectOf } from '../db/dialect';
import { closePostgres, migratePostgres, openPostgres } from '../db/postgres';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  const usage = '用法：npm run db:copy -- --from <SQLite 文件或 postgres://…> --to <postgres://…>';
  if (!values.from || !values.to) fail(usage);
  if (dialectOf(values.to) !== 'pg') fail(`--to 须为 PostgreSQL 数据库地址（postgres://…）\n${usage}`);
  const from = dialectOf(values.from) === 'pg' ? values.from : path.resolve(values.from);
  if (dialectOf(from) === 'sqlite' && !existsSync(from)) fail(`找不到源数据库文件 ${from}`);

  const target = openPostgres(values.to, { max: 1 });
  await migratePostgres(target).finally(() => closePostgres(target));
  const started = performance.now();
  const copied = await copyDatabase(from, values.to);
  for (const table of copied) process.stdout.write(`${table.table}: ${table.rows} 行，sha256 ${table.sha256}\n`);
  const rows = copied.reduce((n, t) => n + t.rows, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`已复制 ${copied.length} 张表共 ${rows} 行，行数和校验和一致（用时 ${seconds} 秒）\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `复制失败，目标数据库未写入任何数据：${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
