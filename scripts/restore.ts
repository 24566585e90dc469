/**
 * npm run restore -- FILE
 * Restores a backup archive into DATA_DIR, which must be empty (or not exist yet): every part is
 * checked against the manifest's sha256 and the database against SQLite's integrity check first.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir } from '../db';
import { restoreBackup } from '../lib/backup/restore';

async function main() {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) {
    process.stderr.write('用法：DATA_DIR=<空的数据目录> npm run restore -- <备份文件.zip>\n');
    process.exit(2);
  }
  const dir = dataDir();
  const outcome = await restoreBackup({ file: path.resolve(positionals[0]), dataDir: dir });
  if (!outcome.ok) {
    process.stderr.write(`未恢复：${outcome.message}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `已恢复到 ${dir}（${outcome.parts} 个部分，校验通过，用时 ${(outcome.ms / 1000).toFixed(1)} 秒）\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`恢复失败：${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
