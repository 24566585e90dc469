/**
 * npm run bench:pg — the list API under load (50 clients for 10 s, each request a page of the
 * synthetic year) on SQLite with one instance, then, after `db:copy` into a throwaway PostgreSQL
 * cluster, on PostgreSQL with one and with two instances (the clients alternate between them).
 * Prints throughput and latency percentiles as Markdown rows for docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, databaseFile, migrateDatabase, openDatabase } from '../db';
import { seedDemo } from '../lib/seed';
import { startCluster } from '../tests/pg-cluster';
import { signIn, startServer } from './bench-http';
import { buildSyntheticYear } from './synthetic-year';
import { tsxArgs } from './tsx';

const YEAR = 2031;
const PROJECTS = Number(process.env.BENCH_PG_PROJECTS || 500);
const CLIENTS = 50;
const SECONDS = 10;
const PAGE_SIZE = 50;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)];

/** CLIENTS loops, each GETting list pages (a different page and sort each time) until the time is up. */
async function load(urls: string[], cookies: string[]) {
  const latencies: number[] = [];
  let failures = 0;
  const pages = Math.ceil(PROJECTS / PAGE_SIZE);
  const sorts = ['', '&sort=-selfScore', '&sort=project', '&sort=-budget'];
  const end = performance.now() + SECONDS * 1000;
  const client = async (n: number) => {
    for (let i = n; performance.now() < end; i += CLIENTS) {
      const server = n % urls.length;
      const query = `page=${(i % pages) + 1}&pageSize=${PAGE_SIZE}${sorts[i % sorts.length]}`;
      const started = performance.now();
      const res = await fetch(`${urls[server]}/api/years/${YEAR}/evaluations?${query}`, {
        headers: { cookie: cookies[server] },
      });
      await res.arrayBuffer();
      if (res.ok) latencies.push(performance.now() - started);
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
  return {
    perSecond: latencies.length / SECONDS,
    median: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    failures,
  };
}

async function measure(label: string, servers: Array<{ url: string; stop: () => void }>) {
  try {
    const urls = servers.map((s) => s.url);
    const cookies = await Promise.all(urls.map((url) => signIn(url, 'finance', 'demo1234')));
    await load(urls, cookies); // warm-up: modules loaded, connections opened
    const result = await load(urls, cookies);
    return `| ${label} | ${result.perSecond.toFixed(0)} | ${result.median.toFixed(0)} | ${result.p95.toFixed(0)} | ${result.failures} |`;
  } finally {
    for (const server of servers) server.stop();
  }
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-pg-'));
  const cluster = await startCluster();
  try {
    const db = openDatabase(databaseFile(dir));
    await migrateDatabase(db);
    await seedDemo(db);
    await buildSyntheticYear(db, { year: YEAR, projectCount: PROJECTS, password: 'demo1234' });
    await closeDatabase(db);
    await cluster.admin('CREATE DATABASE bench');
    const url = cluster.url('bench');
    const copy = spawnSync(process.execPath, tsxArgs('scripts/db-copy.ts', ['--from', databaseFile(dir), '--to', url]));
    if (copy.status !== 0) throw new Error(`db:copy failed: ${copy.stderr}`);

    const rows = [
      await measure('SQLite, 1 instance', [await startServer(dir)]),
      await measure('PostgreSQL, 1 instance', [
        await startServer(mkdtempSync(path.join(dir, 'a-')), { DATABASE_URL: url }),
      ]),
      await measure('PostgreSQL, 2 instances', [
        await startServer(mkdtempSync(path.join(dir, 'a-')), { DATABASE_URL: url }),
        await startServer(mkdtempSync(path.join(dir, 'b-')), { DATABASE_URL: url }),
      ]),
    ];
    process.stdout.write(
      [
        `list API, ${PROJECTS} projects, ${CLIENTS} clients for ${SECONDS} s, pages of ${PAGE_SIZE} (${os.cpus().length} cores)`,
        '| setup | requests/s | median ms | p95 ms | failed |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n') + '\n',
    );
  } finally {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
