/**
 * npm start: the whole first run in one command. Creates the data folder and a secret, migrates,
 * loads the embedded default on an empty database, builds when the build is missing or older than
 * the source, then serves. `--dev` serves with `next dev` instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { closeDatabase, databaseFile, dataDir, migrateDatabase, openDatabase } from '../db';
import { restrictDataDir } from '../db/private-files';
import { ensureAuthSecret } from '../lib/auth/secret';
import { evidenceLimits, evidenceSweepGraceMs } from '../lib/evidence/limits';
import { proxyTrustFromEnv } from '../lib/http/client-address';
import { isEmptyDatabase, seedDemo } from '../lib/seed';

const root = process.cwd();
const dev = process.argv.includes('--dev');
const port = process.env.PORT || '3000';
const host = process.env.HOST || '127.0.0.1';
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

function log(message: string) {
  process.stdout.write(`[绩效自评] ${message}\n`);
}

async function prepareDatabase(dir: string) {
  const db = openDatabase(databaseFile(dir));
  migrateDatabase(db);
  if ((await isEmptyDatabase(db)) && process.env.SEED_DEMO !== '0') {
    const report = await seedDemo(db);
    log(
      `已导入示例数据：${report.department} ${report.year} 年 ${report.projects} 个项目、${report.indicators} 个指标，演示账号密码 demo1234`,
    );
  }
  closeDatabase(db);
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

/** A mistyped TRUSTED_PROXIES or EVIDENCE_* setting stops the start instead of failing every sign-in or upload later. */
function checkProxySettings() {
  try {
    proxyTrustFromEnv();
    evidenceLimits();
    evidenceSweepGraceMs();
  } catch (error) {
    log((error as Error).message);
    process.exit(1);
  }
}

async function main() {
  checkProxySettings();
  const dir = dataDir();
  restrictDataDir(dir);
  const secret = ensureAuthSecret(dir);
  await prepareDatabase(dir);
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
  };
  const shownHost = ['0.0.0.0', '::'].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  log(`数据目录 ${dir}；访问 ${publicUrl || `http://${shownHost}:${port}`}`);
  const child = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', port, '-H', host], {
    stdio: 'inherit',
    env,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
