/**
 * npm run backup -- [--out FILE]
 * One archive of DATA_DIR: a consistent snapshot of the database (safe while the app serves
 * writes), the evidence files, and a manifest of their sha256. Without --out it goes into BACKUP_DIR,
 * or DATA_DIR/backups, named by the time.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, databaseFile, dataDir, openDatabase } from '../db';
import { activeDialect } from '../db/dialect';
import { backupFileName, createBackup } from '../lib/backup/archive';
import { upgradeBackupDir } from '../lib/backup/upgrade';

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const dir = dataDir();
  if (activeDialect() === 'pg') {
    process.stderr.write('DATABASE_URL 指向 PostgreSQL：数据库请用 pg_dump 备份，佐证文件请备份其存储目录\n');
    process.exit(2);
  }
  if (!existsSync(databaseFile(dir))) {
    process.stderr.write(`数据目录 ${dir} 中没有数据库，没有可备份的内容\n`);
    process.exit(2);
  }
  const out = path.resolve(values.out ?? path.join(upgradeBackupDir(dir), backupFileName(new Date())));
  if (existsSync(out)) {
    process.stderr.write(`${out} 已存在，请换一个文件名\n`);
    process.exit(2);
  }
  const db = openDatabase(databaseFile(dir));
  try {
    const backup = await createBackup(db, { dataDir: dir, out });
    const files = backup.parts.length - 1;
    process.stdout.write(
      `已备份到 ${backup.file}（${(backup.bytes / 1024 / 1024).toFixed(1)} MB：数据库${files > 0 ? ` 和 ${files} 个佐证文件` : ''}，用时 ${(backup.ms / 1000).toFixed(1)} 秒）\n`,
    );
  } finally {
    closeDatabase(db);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`备份失败：${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
