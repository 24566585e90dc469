import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for the tests, the two-instance e2e spec and the benchmark: a
 * temporary folder, 127.0.0.1 on a free port, durability off. Nothing of the machine's own
 * PostgreSQL (if any) is used but its binaries.
 */
const BIN = process.env.PG_BIN ?? findBin();

function findBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(root, v, 'bin')).find((dir) => existsSync(path.join(dir, 'initdb')));
  return found ?? path.join(root, '15', 'bin');
}

const asRoot = process.getuid?.() === 0;

/** initdb and postgres refuse to run as root: as root they run as the `postgres` user. */
function run(binary: string, args: string[]): string {
  const full = path.join(BIN, binary);
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
  return execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const PREFIX = 'jixiao-pg-';

/** pg_ctl detaches the server: a run that was killed leaves its folder behind, which the next run removes. */
function sweepAbandoned() {
  for (const name of readdirSync(os.tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    const pidFile = path.join(dir, 'data', 'postmaster.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
    if (pid > 0 && isAlive(pid)) continue;
    rmSync(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Cluster {
  port: number;
  url(database: string): string;
  /** Runs one statement on the maintenance database (CREATE/DROP DATABASE run outside transactions). */
  admin(statement: string): Promise<void>;
  stop(): void;
}

export async function startCluster(): Promise<Cluster> {
  sweepAbandoned();
  const dir = mkdtempSync(path.join(os.tmpdir(), PREFIX));
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
  const data = path.join(dir, 'data');
  // C collation: ORDER BY a name sorts by code point, as SQLite does.
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = [
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`,
    '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async admin(statement) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    },
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
