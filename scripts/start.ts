/**
 * npm start: the whole first run in one command. Creates the data folder and a secret, migrates
 * (after a backup when it is an upgrade), loads the embedded demo on an empty database unless
 * SEED_DEMO=0, builds when the build is missing or older than the source, then serves through
 * scripts/serve.mjs, and makes the scheduled backups when BACKUP_DIR is set. `--dev` serves with
 * Next's development server instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { closeDatabase, dataDir, isPostgres, openAppDatabase, poolMaxFromEnv, prepareOnce, type Db } from '../db';
import { activeDialect } from '../db/dialect';
import { restrictDataDir } from '../db/private-files';
import { countActiveAdmins } from '../db/queries/users';
import { ensureAuthSecret } from '../lib/auth/secret';
import { backupScheduleFromEnv, startBackupSchedule, type BackupSchedule } from '../lib/backup/schedule';
import { migrateWithBackup, upgradeBackupDir } from '../lib/backup/upgrade';
import { freezeUnfrozenFinalised } from '../lib/evaluations/frozen';
import { evidenceLimits, evidenceSweepGraceMs } from '../lib/evidence/limits';
import { proxyTrustFromEnv } from '../lib/http/client-address';
import { markLegacyDemoAccounts } from '../lib/legacy-demo';
import { refreshStaleDepartmentFigures } from '../lib/overview/backfill-figures';
import { backfillEvaluationFlags } from '../lib/overview/backfill-flags';
import { DEMO_PASSWORD, isEmptyDatabase, seedDemo } from '../lib/seed';

const root = process.cwd();
const dev = process.argv.includes('--dev');
const port = process.env.PORT || '3000';
const host = process.env.HOST || '127.0.0.1';
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

/**
 * V8 lets a heap grow to up to 4 times what was live at its last full collection before it collects
 * again. The server's live heap is about 70 MB, so a long export's short-lived garbage took it to
 * 300 MB (442 MB of RSS at 200,000 projects, against 376 MB at 20,000); at 1.5 times, the heap stays
 * near 130 MB whatever the year's size, for a full collection of 10–30 ms every few seconds of export.
 * (V8 accepts this flag only on the command line, not in NODE_OPTIONS.)
 */
const SERVER_NODE_FLAGS = ['--heap-growing-percent=50'];

function log(message: string) {
  process.stdout.write(`[绩效自评] ${message}\n`);
}

const FIRST_ADMIN_HINT = [
  '数据库中还没有启用的系统管理员。请在另一个终端中创建第一个管理员（密码在终端中输入，不显示）：',
  '  npm run admin:create -- --username 用户名 --display-name 姓名',
  '或从标准输入读取密码：printf %s "$PASSWORD" | npm run admin:create -- --username 用户名 --password-stdin',
].join('\n');

async function prepareDatabase(dir: string, db: Db) {
  const backup = await migrateWithBackup(db, { dataDir: dir, backupDir: upgradeBackupDir(dir) });
  if (backup) log(`升级数据库前已自动备份到 ${backup}`);
  const frozen = await freezeUnfrozenFinalised(db);
  if (frozen > 0) log(`已为 ${frozen} 份此前定稿的自评保存定稿快照`);
  if ((await isEmptyDatabase(db)) && process.env.SEED_DEMO !== '0') {
    const report = await seedDemo(db);
    log(
      `演示模式：已导入示例数据 ${report.department} ${report.year} 年 ${report.projects} 个项目、${report.indicators} 个指标，演示账号密码 ${DEMO_PASSWORD}（正式使用请以 SEED_DEMO=0 在空数据目录上启动）`,
    );
  }
  const legacyDemo = await markLegacyDemoAccounts(db);
  if (legacyDemo > 0)
    log(`发现 ${legacyDemo} 个仍使用演示密码的演示账号：页面将显示“演示数据”提示，正式使用前请停用这些账号`);
  const backfilled = await backfillEvaluationFlags(db);
  if (backfilled) log(`已为 ${backfilled} 份已评分的自评补记“值得关注”标记`);
  const figured = await refreshStaleDepartmentFigures(db);
  if (figured > 0) log(`已为 ${figured} 个部门的年度项目计算总览统计`);
  if ((await countActiveAdmins(db)) === 0) log(FIRST_ADMIN_HINT);
}

const SOURCES = ['app', 'lib', 'db', 'components', 'next.config.js', 'package-lock.json', 'tsconfig.json'];

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) visit(path.join(p, entry));
    } else if (!p.endsWith('.test.ts')) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  SOURCES.forEach((s) => visit(path.join(root, s)));
  return newest;
}

function ensureBuild() {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceMtime()) return;
  log('正在构建（首次启动约需半分钟）…');
  const result = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** A mistyped setting (TRUSTED_PROXIES, EVIDENCE_*, DATABASE_POOL_MAX, backups) stops the start, not a later step. */
function checkSettings(): BackupSchedule | null {
  try {
    if (activeDialect() === 'pg') poolMaxFromEnv();
    proxyTrustFromEnv();
    evidenceLimits();
    evidenceSweepGraceMs();
    return backupScheduleFromEnv();
  } catch (error) {
    log((error as Error).message);
    process.exit(1);
  }
}

async function main() {
  const schedule = checkSettings();
  const dir = dataDir();
  restrictDataDir(dir);
  const secret = ensureAuthSecret(dir);
  // Kept open for the scheduled backups, which this process makes beside the server.
  const db = openAppDatabase(dir);
  await prepareOnce(db, () => prepareDatabase(dir, db));
  if (schedule && isPostgres(db)) {
    log('定时备份（BACKUP_DIR）只备份 SQLite 数据库文件；PostgreSQL 数据库请用 pg_dump 备份');
    process.exit(1);
  }
  if (schedule) {
    log(`定时备份：每 ${schedule.everyHours} 小时一次，保存到 ${schedule.backupDir}，保留最近 ${schedule.keep} 份`);
    startBackupSchedule(db, { dataDir: dir, schedule, log });
  } else {
    await closeDatabase(db);
  }
  // The e2e suite builds once before it starts its servers; they must not rebuild underneath it.
  if (!dev && process.env.SKIP_BUILD_CHECK !== '1') ensureBuild();

  // Without NEXTAUTH_URL, next-auth takes the origin from each request (AUTH_TRUST_HOST), which
  // proxy.ts reduces to the Host header, or the proxy's X-Forwarded-Host/-Proto with TRUST_PROXY=1.
  const { NEXTAUTH_URL: publicUrl, ...inherited } = process.env;
  const env = {
    ...inherited,
    ...(publicUrl ? { NEXTAUTH_URL: publicUrl } : { AUTH_TRUST_HOST: '1' }),
    DATA_DIR: dir,
    NEXTAUTH_SECRET: secret,
    // Proves to the app that the client-address header was set by scripts/serve.mjs (lib/http/client-address.ts).
    JIXIAO_PEER_TOKEN: randomBytes(16).toString('hex'),
  };
  const shownHost = ['0.0.0.0', '::'].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  log(`数据目录 ${dir}；访问 ${publicUrl || `http://${shownHost}:${port}`}`);
  const serve = path.join(root, 'scripts', 'serve.mjs');
  const args = [...SERVER_NODE_FLAGS, serve, ...(dev ? ['--dev'] : []), '--port', port, '--host', host];
  const child = spawn(process.execPath, args, {
    stdio: 'inherit',
    env: { ...env, NODE_ENV: dev ? 'development' : 'production' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
