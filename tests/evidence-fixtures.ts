/** The evidence files of tests/evidence-files.ts, and a fresh store for every test of a vitest file. */
import { afterEach, beforeEach } from 'vitest';
import { fsStorageIn, type FsStorage } from '@/lib/evidence/fs-storage';
import { tempFolder } from './evidence-files';

export * from './evidence-files';

/** A fresh evidence store in its own temporary data folder for every test of the calling file. */
export function storeForEachTest(): { storage: FsStorage; dir: string } {
  const current = { storage: undefined as unknown as FsStorage, dir: '' };
  let cleanup = () => {};
  beforeEach(() => {
    const folder = tempFolder();
    ({ dir: current.dir, cleanup } = folder);
    current.storage = fsStorageIn(folder.dir);
  });
  afterEach(() => cleanup());
  return current;
}
