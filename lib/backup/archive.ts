import 'server-only';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { backupDatabase, type Db } from '@/db';
import { makePrivateDir } from '@/db/private-files';
import { fsStorageIn } from '@/lib/evidence/fs-storage';
import { zipStream, type ZipEntry } from '@/lib/exports/zip';

/**
 * One backup archive (a zip): a consistent snapshot of the database, the evidence files of
 * DATA_DIR/files, and `manifest.json` with each part's size and sha256, which restore checks.
 */
export const MANIFEST = 'manifest.json';
export const DATABASE_PART = 'database/jixiao.sqlite';
export const BACKUP_FORMAT = 'jixiao-backup';

export interface BackupPart {
  path: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  parts: BackupPart[];
}

/** `jixiao-backup-20261201-083000.zip`, in local time: sorts by age, which is how old ones are pruned. */
export function backupFileName(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}`;
  return `jixiao-backup-${date}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}.zip`;
}

export const BACKUP_NAME = /^jixiao-backup-\d{8}-\d{6}(-\d+)?\.zip$/;

/** A stream's bytes pass through unchanged while they are counted and hashed; `done` resolves at the end. */
export function hashing(source: Readable) {
  const hash = createHash('sha256');
  let bytes = 0;
  let settle!: { resolve: (part: { bytes: number; sha256: string }) => void; reject: (error: Error) => void };
  const done = new Promise<{ bytes: number; sha256: string }>((resolve, reject) => (settle = { resolve, reject }));
  done.catch(() => undefined); // the stream's own consumer sees the error first
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      settle.resolve({ bytes, sha256: hash.digest('hex') });
      callback();
    },
  });
  source.once('error', (error) => {
    stream.destroy(error);
    settle.reject(error);
  });
  return { stream: source.pipe(stream), done };
}

/**
 * Writes the archive of `dataDir` (whose database `db` is open, perhaps serving the app meanwhile)
 * to `out`: first into a temporary name beside it, renamed when complete, so a crash never leaves
 * a half archive under a backup's name.
 */
export async function createBackup(db: Db, { dataDir, out }: { dataDir: string; out: string }) {
  const started = Date.now();
  makePrivateDir(path.dirname(out));
  const scratch = await mkdtemp(path.join(path.dirname(out), '.backup-'));
  const snapshot = path.join(scratch, 'jixiao.sqlite');
  const partial = `${out}.partial`;
  try {
    await backupDatabase(db, snapshot);
    const parts: Array<{ path: string; done: Promise<{ bytes: number; sha256: string }> }> = [];
    const storage = fsStorageIn(dataDir);
    async function* entries(): AsyncIterable<ZipEntry> {
      const database = hashing(createReadStream(snapshot));
      parts.push({ path: DATABASE_PART, done: database.done });
      yield { path: DATABASE_PART, data: database.stream, compress: true };
      for await (const file of storage.list()) {
        const content = await storage.get(file.sha256);
        if (!content) continue; // removed by the sweep since it was listed: the snapshot no longer needs it
        const part = hashing(content);
        const name = path.relative(dataDir, storage.pathOf(file.sha256)).split(path.sep).join('/');
        parts.push({ path: name, done: part.done });
        yield { path: name, data: part.stream, mtime: file.modifiedAt };
      }
      // Read by the zip writer only once every part before it is written, so every hash is known.
      const manifest = async function* () {
        const listed = await Promise.all(parts.map(async (p) => ({ path: p.path, ...(await p.done) })));
        const body: BackupManifest = {
          format: BACKUP_FORMAT,
          version: 1,
          createdAt: new Date().toISOString(),
          parts: listed,
        };
        yield Buffer.from(`${JSON.stringify(body, null, 2)}\n`);
      };
      yield { path: MANIFEST, data: Readable.from(manifest()), compress: true };
    }
    await pipeline(zipStream(entries()), createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, out);
    const manifest = await Promise.all(parts.map(async (p) => ({ path: p.path, ...(await p.done) })));
    return { file: out, parts: manifest, bytes: (await stat(out)).size, ms: Date.now() - started };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}
