/**
 * npm run admin:create -- --username NAME [--display-name 姓名] [--password-stdin]
 * Creates a system administrator in the database of DATA_DIR. The password is read from the
 * terminal without echo (typed twice), or with --password-stdin from standard input (one line).
 */
import { parseArgs } from 'node:util';
import { closeDatabase, dataDir, openAppDatabase } from '../db';
import { restrictDataDir } from '../db/private-files';
import { createAdministrator } from '../lib/admin/create-administrator';
import { migrateWithBackup, upgradeBackupDir } from '../lib/backup/upgrade';
import { readHiddenLine, readStdin } from './terminal';

const USAGE = '用法：npm run admin:create -- --username 用户名 [--display-name 姓名] [--password-stdin]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return (await readStdin()).replace(/\r?\n$/, '');
  if (!process.stdin.isTTY) fail('标准输入不是终端：请在终端中运行，或用 --password-stdin 从标准输入读取密码');
  const first = await readHiddenLine('密码（输入时不显示）：');
  const second = await readHiddenLine('再次输入密码：');
  if (first !== second) fail('两次输入的密码不一致，未创建账号');
  return first;
}

async function main() {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  if (!values.username) fail(USAGE);
  const password = await readPassword(values['password-stdin']);
  const dir = dataDir();
  restrictDataDir(dir);
  const db = openAppDatabase(dir);
  try {
    await migrateWithBackup(db, { dataDir: dir, backupDir: upgradeBackupDir(dir) });
    const created = await createAdministrator(db, {
      username: values.username,
      displayName: values['display-name'] ?? values.username,
      password,
    });
    if (!created.ok) {
      const details = Object.entries(created.fieldErrors ?? {}).map(([field, message]) => `  ${field}：${message}`);
      fail([`未创建账号：${created.message}`, ...details].join('\n'));
    }
    process.stdout.write(`${created.message}。现在可以用它登录。\n`);
  } finally {
    await closeDatabase(db);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
