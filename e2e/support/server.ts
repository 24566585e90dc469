import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { tsxArgs } from '../../scripts/tsx';

export interface TestServer {
  url: string;
  dataDir: string;
  /** What the server printed so far. */
  output(): string;
  /** SIGKILL to the whole process tree at once, like a power cut to the app: the data folder stays. */
  kill(): Promise<void>;
  /** Resolves when the server process has ended (stopped, or crashed). */
  exited: Promise<void>;
  /** The process group of the server and its children (for measuring their memory). */
  processGroup: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

/**
 * Starts the app exactly as `npm start` does, on a fresh database in a temporary folder (or on the
 * data folder of a server that was killed). Without NEXTAUTH_URL, as by default: URLs follow the
 * host each request names.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  // An existing data folder (a restart after a crash) is kept when the server stops; a fresh one is removed.
  { dataDir: existing }: { dataDir?: string } = {},
): Promise<TestServer> {
  const port = await freePort();
  const dataDir = existing ?? mkdtempSync(path.join(os.tmpdir(), 'jixiao-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, tsxArgs('scripts/start.ts'), {
    cwd: path.resolve(__dirname, '..', '..'),
    env: {
      ...process.env,
      SKIP_BUILD_CHECK: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NEXTAUTH_SECRET: 'e2e-secret-not-for-production',
      // Every spec signs in from 127.0.0.1: one shared address must not pause the whole suite.
      SIGN_IN_FREE_PER_ADDRESS: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForHealth(url, child, () => log);
  return {
    url,
    dataDir,
    output: () => log,
    async kill() {
      if (child.exitCode !== null || !child.pid) return;
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
    exited,
    processGroup: child.pid!,
    async stop() {
      if (child.exitCode === null && child.pid) {
        process.kill(-child.pid, 'SIGTERM');
        // next start waits for open keep-alive connections of still-open browser contexts; don't.
        const timer = setTimeout(() => {
          try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 2000);
        await exited;
        clearTimeout(timer);
      }
      if (!existing) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
