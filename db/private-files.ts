import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The data folder holds every evaluation and the session secret: only the account the app runs as
 * may read it. Folders are created 0700 and files 0600; SQLite gives its -wal and -shm files the
 * database file's own mode, so creating the database 0600 covers them from then on.
 */

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Sets the mode unless it is already so; a folder or file owned by someone else stays as it is. */
function restrict(target: string, mode: number): void {
  if ((statSync(/*turbopackIgnore: true*/ target).mode & 0o777) === mode) return;
  try {
    chmodSync(/*turbopackIgnore: true*/ target, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    process.emitWarning(`无法将 ${target} 的权限收紧为 ${mode.toString(8)}（不是它的所有者）`);
  }
}

/** Creates a folder (and its missing parents) readable by the owner only; an existing one is left alone. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
}

/** DATA_DIR itself: created 0700, and an existing one (an older install's 0755) closed down to 0700. */
export function restrictDataDir(dir: string): void {
  makePrivateDir(dir);
  restrict(dir, PRIVATE_DIR);
}

/** A secret or other private file: 0600 whether it was just written or is an older install's. */
export function restrictFile(file: string): void {
  restrict(file, PRIVATE_FILE);
}

/** Before SQLite opens a database file: create it 0600, and close down an existing one and its -wal/-shm. */
export function prepareDatabaseFile(file: string): void {
  if (file === '' || file === ':memory:' || file.startsWith('file:')) return;
  closeSync(openSync(/*turbopackIgnore: true*/ file, 'a', PRIVATE_FILE));
  for (const part of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(/*turbopackIgnore: true*/ part)) restrictFile(part);
  }
}
