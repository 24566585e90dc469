/**
 * The HTTP half of `npm run bench`: starts the real server (`npm start`, the existing build) on the
 * bench's data folder, signs in as finance through the login endpoint, and times the pages, the list
 * API and the exports over HTTP, for the synthetic year and for the seed's year, with the bytes of
 * each answer and the server's peak RSS while it was being answered.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tsxArgs } from './tsx';

export interface HttpTiming {
  label: string;
  year: number;
  medianMs: number;
  bytes: number;
  /** Every process of the server's group together (the start script, tsx, Next). */
  peakRssBytes: number;
  /** The largest of them alone: the Next server that answers. */
  peakServerRssBytes: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The resident memory of the processes of the server's group (start.ts and next): all together, and the largest. */
function groupRss(pgid: number): { total: number; largest: number } {
  try {
    const out = execFileSync('ps', ['-o', 'rss=', '-g', String(pgid)], { encoding: 'utf8' });
    const sizes = out
      .split('\n')
      .filter(Boolean)
      .map((kb) => Number(kb) * 1024);
    return { total: sizes.reduce((sum, n) => sum + n, 0), largest: Math.max(0, ...sizes) };
  } catch {
    return { total: 0, largest: 0 };
  }
}

/** `npm start` on a data folder (with `env`, e.g. DATABASE_URL), once it answers /api/health. */
export async function startServer(dataDir: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, tsxArgs('scripts/start.ts'), {
    env: { ...process.env, SKIP_BUILD_CHECK: '1', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: 'ignore',
    detached: true,
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error('server did not start');
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, pgid: child.pid!, stop: () => process.kill(-child.pid!, 'SIGTERM') };
}

function cookiesOf(res: Response, jar: Map<string, string>) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}

export async function signIn(url: string, username: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${url}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ csrfToken, username, password, json: 'true' }),
    redirect: 'manual',
  });
  cookiesOf(res, jar);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in of ${username} failed`);
  return header();
}

/** One GET, read to the end: its time, its bytes and the server's peak RSS meanwhile. */
async function timeGet(url: string, cookie: string, pgid: number) {
  const peak = groupRss(pgid);
  const sample = () => {
    const now = groupRss(pgid);
    peak.total = Math.max(peak.total, now.total);
    peak.largest = Math.max(peak.largest, now.largest);
  };
  const sampler = setInterval(sample, 100);
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  let bytes = 0;
  const reader = res.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.length;
  const ms = performance.now() - started;
  clearInterval(sampler);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  sample();
  return { ms, bytes, peak };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

type Account = { username: string; password: string };

export async function benchHttp({
  dataDir,
  years,
  finance,
  admin,
  evaluationOf,
  skipZip = false,
  pagesOnly = false,
}: {
  dataDir: string;
  years: number[];
  /** Signs in for the pages, the list API and the exports. */
  finance: Account;
  /** Signs in for the administration lists (users, owner assignment). */
  admin: Account;
  /** An evaluation of each year, for its page. */
  evaluationOf: (year: number) => number;
  /** The zip of 自评表 builds one workbook per project: minutes at city scale. */
  skipZip?: boolean;
  /** Pages and the list API only, no export. */
  pagesOnly?: boolean;
}): Promise<HttpTiming[]> {
  const server = await startServer(dataDir);
  try {
    const cookies = {
      finance: await signIn(server.url, finance.username, finance.password),
      admin: await signIn(server.url, admin.username, admin.password),
    };
    const timings: HttpTiming[] = [];
    for (const year of years) {
      type Target = [label: string, path: string, runs: number, as: keyof typeof cookies];
      const zip: Target = ['self-evaluations.zip', `/api/years/${year}/self-evaluations.zip`, 1, 'finance'];
      const targets: Target[] = [
        ['/projects', `/projects?year=${year}`, 5, 'finance'],
        ['/projects, page 3 by 自评得分', `/projects?year=${year}&sort=-selfScore&page=3`, 5, 'finance'],
        ['/overview', `/overview?year=${year}`, 5, 'finance'],
        ['/overview, 各部门 by 预算', `/overview?year=${year}&tab=departments&dept_sort=-budget`, 5, 'finance'],
        ['/overview, 值得关注', `/overview?year=${year}&tab=flags`, 5, 'finance'],
        ['/overview, filtered', `/overview?year=${year}&status=submitted`, 5, 'finance'],
        ['/tasks', `/tasks?year=${year}`, 5, 'finance'],
        ['/evaluations/{id}', `/evaluations/${evaluationOf(year)}`, 5, 'finance'],
        ['/admin/users', `/admin/users`, 5, 'admin'],
        ['/admin/users/assign', `/admin/users/assign?year=${year}`, 5, 'admin'],
        ['list API page', `/api/years/${year}/evaluations?page=2&pageSize=100&sort=-selfScore`, 5, 'finance'],
      ];
      const exports: Target[] = [
        ['indicators.csv', `/api/years/${year}/indicators.csv`, 1, 'finance'],
        ['evaluations.xlsx', `/api/years/${year}/evaluations.xlsx`, 1, 'finance'],
        ...(skipZip ? [] : [zip]),
      ];
      if (!pagesOnly) targets.push(...exports);
      for (const [label, path, runs, as] of targets) {
        const cookie = cookies[as];
        // A page's first answer warms the server up (modules loaded, statements prepared); an export's is the run.
        if (runs > 1) await timeGet(`${server.url}${path}`, cookie, server.pgid);
        const results = [];
        for (let i = 0; i < runs; i++) results.push(await timeGet(`${server.url}${path}`, cookie, server.pgid));
        timings.push({
          label,
          year,
          medianMs: median(results.map((r) => r.ms)),
          bytes: results[0].bytes,
          peakRssBytes: Math.max(...results.map((r) => r.peak.total)),
          peakServerRssBytes: Math.max(...results.map((r) => r.peak.largest)),
        });
      }
    }
    return timings;
  } finally {
    server.stop();
  }
}
