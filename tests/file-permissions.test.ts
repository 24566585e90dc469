import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, databaseFile, migrateDatabase, openDatabase, transaction } from '@/db';
import { restrictDataDir } from '@/db/private-files';
import { departments } from '@/db/schema';
import { ensureAuthSecret } from '@/lib/auth/secret';

const modeOf = (p: string) => (statSync(p).mode & 0o777).toString(8);

let root: string;
let savedUmask: number;
let savedSecret: string | undefined;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'jixiao-modes-'));
  // The most permissive umask: the modes below must not depend on the operator's.
  savedUmask = process.umask(0);
  savedSecret = process.env.NEXTAUTH_SECRET;
  delete process.env.NEXTAUTH_SECRET;
});
afterEach(() => {
  process.umask(savedUmask);
  if (savedSecret === undefined) delete process.env.NEXTAUTH_SECRET;
  else process.env.NEXTAUTH_SECRET = savedSecret;
  rmSync(root, { recursive: true, force: true });
});

async function writeSomething(file: string) {
  const db = openDatabase(file);
  await migrateDatabase(db);
  await transaction(db, (tx) => tx.insert(departments).values({ name: '权限测试局' }));
  return db;
}

describe('the data folder is private to the account the app runs as', () => {
  it('a new DATA_DIR is 0700; the database, its WAL and SHM files and the secret are 0600', async () => {
    const dir = path.join(root, 'nested', 'data');
    restrictDataDir(dir);
    const secret = ensureAuthSecret(dir);
    const file = databaseFile(dir);
    const db = await writeSomething(file);
    try {
      expect(secret.length).toBeGreaterThan(30);
      expect(modeOf(dir)).toBe('700');
      expect(modeOf(path.join(root, 'nested'))).toBe('700');
      expect(modeOf(path.join(dir, '.nextauth-secret'))).toBe('600');
      for (const part of [file, `${file}-wal`, `${file}-shm`]) {
        expect(existsSync(part), part).toBe(true);
        expect(modeOf(part), part).toBe('600');
      }
    } finally {
      closeDatabase(db);
    }
  });

  it("an older install's readable folder, database, WAL and secret are closed down at start", async () => {
    const dir = path.join(root, 'data');
    const file = databaseFile(dir);
    const first = await writeSomething(file);
    // A clean close removes the -wal file; an older install's crash may have left one, readable by all.
    closeDatabase(first);
    writeFileSync(`${file}-wal`, '');
    writeFileSync(path.join(dir, '.nextauth-secret'), 'an-older-secret\n');
    for (const [p, mode] of [
      [dir, 0o755],
      [file, 0o644],
      [`${file}-wal`, 0o644],
      [path.join(dir, '.nextauth-secret'), 0o644],
    ] as const) {
      chmodSync(p, mode);
    }

    restrictDataDir(dir);
    expect(ensureAuthSecret(dir)).toBe('an-older-secret');
    const db = openDatabase(file);
    try {
      expect(await db.select().from(departments)).toHaveLength(1);
      expect(modeOf(dir)).toBe('700');
      expect(modeOf(path.join(dir, '.nextauth-secret'))).toBe('600');
      for (const part of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(part), part).toBe('600');
    } finally {
      closeDatabase(db);
    }
  });

  it('opening a database leaves an existing parent folder alone and an in-memory one creates no file', async () => {
    const shared = path.join(root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o755);
    closeDatabase(await writeSomething(path.join(shared, 'copy.sqlite')));
    expect(modeOf(shared)).toBe('755');
    expect(modeOf(path.join(shared, 'copy.sqlite'))).toBe('600');

    const cwd = process.cwd();
    process.chdir(root);
    try {
      closeDatabase(openDatabase(':memory:'));
      expect(existsSync(path.join(root, ':memory:'))).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });
});
