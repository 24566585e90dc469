import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, migrateDatabase, openDatabase } from '@/db';
import { restrictDataDir } from '@/db/private-files';
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

function writeSomething(file: string) {
  const db = openDatabase(file);
  migrateDatabase(db);
  db.$client.prepare("insert into departments (name) values ('权限测试局')").run();
  return db;
}

describe('the data folder is private to the account the app runs as', () => {
  it('a new DATA_DIR is 0700; the database, its WAL and SHM files and the secret are 0600', () => {
    const dir = path.join(root, 'nested', 'data');
    restrictDataDir(dir);
    const secret = ensureAuthSecret(dir);
    const file = databaseFile(dir);
    const db = writeSomething(file);
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
      db.$client.close();
    }
  });

  it("an older install's readable folder, database, WAL and secret are closed down at start", () => {
    const dir = path.join(root, 'data');
    const file = databaseFile(dir);
    const first = writeSomething(file);
    // A clean close removes the -wal file; an older install's crash may have left one, readable by all.
    first.$client.close();
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
      expect(db.$client.prepare('select count(*) as n from departments').get()).toEqual({ n: 1 });
      expect(modeOf(dir)).toBe('700');
      expect(modeOf(path.join(dir, '.nextauth-secret'))).toBe('600');
      for (const part of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(part), part).toBe('600');
    } finally {
      db.$client.close();
    }
  });

  it('opening a database leaves an existing parent folder alone and an in-memory one creates no file', () => {
    const shared = path.join(root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o755);
    const db = writeSomething(path.join(shared, 'copy.sqlite'));
    db.$client.close();
    expect(modeOf(shared)).toBe('755');
    expect(modeOf(path.join(shared, 'copy.sqlite'))).toBe('600');

    const cwd = process.cwd();
    process.chdir(root);
    try {
      openDatabase(':memory:').$client.close();
      expect(existsSync(path.join(root, ':memory:'))).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });
});
