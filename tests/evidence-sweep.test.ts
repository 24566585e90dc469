import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sweepOrphanFiles } from '@/lib/evidence/sweep';
import { storeForEachTest } from './evidence-fixtures';

const HOUR = 3_600_000;
// The loader in this very process: the tsx command would run the script in a grandchild that SIGKILL cannot reach.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const temp = storeForEachTest();

async function store(data: Buffer, ageMs = 0): Promise<string> {
  const stored = await temp.storage.put(data);
  if (!stored.ok) throw new Error(stored.reason);
  const when = new Date(Date.now() - ageMs);
  utimesSync(temp.storage.pathOf(stored.sha256), when, when);
  return stored.sha256;
}

describe('the sweep', () => {
  it('removes old files no row points to, and keeps referenced and young ones', async () => {
    const referencedOld = await store(Buffer.from('referenced'), 5 * HOUR);
    const orphanOld = await store(Buffer.from('orphan, old'), 2 * HOUR);
    const orphanYoung = await store(Buffer.from('orphan, young'), HOUR / 2);
    const report = await sweepOrphanFiles({ storage: temp.storage, referenced: new Set([referencedOld]) });
    expect(report).toEqual({ removed: [{ sha256: orphanOld, size: 11 }], keptYoung: 1, incompleteRemoved: 0 });
    expect(await temp.storage.exists(referencedOld)).toBe(true);
    expect(await temp.storage.exists(orphanYoung)).toBe(true);
    expect(await temp.storage.exists(orphanOld)).toBe(false);
  });

  it('follows the injected clock and grace period', async () => {
    const orphan = await store(Buffer.from('orphan'));
    const soon = new Date(Date.now() + 10 * 60_000);
    expect((await sweepOrphanFiles({ storage: temp.storage, referenced: new Set(), now: soon })).removed).toEqual([]);
    const report = await sweepOrphanFiles({
      storage: temp.storage,
      referenced: new Set(),
      now: soon,
      graceMs: 5 * 60_000,
    });
    expect(report.removed).toEqual([{ sha256: orphan, size: 6 }]);
  });
});

/** Runs tests/evidence-put-child.ts and kills it with SIGKILL as soon as it prints its first line. */
async function killAtFirstLine(mode: 'put' | 'half', size: number): Promise<Record<string, unknown>> {
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, path.join(__dirname, 'evidence-put-child.ts'), mode, String(size)],
    {
      env: { ...process.env, DATA_DIR: temp.dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = once(child, 'exit');
  const line = await Promise.race([
    once(createInterface({ input: child.stdout! }), 'line').then(([first]) => first as string),
    exited.then(([code]) => Promise.reject(new Error(`the child exited (${code}) before reporting`))),
  ]);
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
  return JSON.parse(line);
}

describe('a crash between writing the file and committing its row', () => {
  it('leaves a complete orphan file, which the sweep removes once it is older than the grace period', async () => {
    const { stored } = (await killAtFirstLine('put', 100_000)) as { stored: string };
    // The file is complete: its content hashes to its name.
    const content = readFileSync(temp.storage.pathOf(stored));
    expect(createHash('sha256').update(content).digest('hex')).toBe(stored);
    // No row was committed: nothing references the file. Right after the crash it is within the grace period.
    expect(await sweepOrphanFiles({ storage: temp.storage, referenced: new Set() })).toEqual({
      removed: [],
      keptYoung: 1,
      incompleteRemoved: 0,
    });
    const later = new Date(Date.now() + 2 * HOUR);
    expect(await sweepOrphanFiles({ storage: temp.storage, referenced: new Set(), now: later })).toEqual({
      removed: [{ sha256: stored, size: 100_000 }],
      keptYoung: 0,
      incompleteRemoved: 0,
    });
    expect(await temp.storage.exists(stored)).toBe(false);
  });

  it('leaves only an incomplete upload when killed mid-write, never a file under a content name', async () => {
    await killAtFirstLine('half', 100_000);
    const incoming = readdirSync(path.join(temp.storage.root, 'incoming'));
    expect(incoming).toHaveLength(1);
    const listed = [];
    for await (const file of temp.storage.list()) listed.push(file);
    expect(listed).toEqual([]);
    const later = new Date(Date.now() + 2 * HOUR);
    expect(await sweepOrphanFiles({ storage: temp.storage, referenced: new Set(), now: later })).toEqual({
      removed: [],
      keptYoung: 0,
      incompleteRemoved: 1,
    });
    expect(readdirSync(path.join(temp.storage.root, 'incoming'))).toEqual([]);
  });
});
