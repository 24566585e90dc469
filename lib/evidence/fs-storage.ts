/**
 * The filesystem store: `DATA_DIR/files/ab/cd/<sha256>`. An upload streams into `files/incoming/` (the same file
 * system, so the final rename is atomic) while it is hashed and counted, is fsynced, renamed to its name and the
 * folder fsynced: once `put` resolves, the file survives a crash, and a crash before that leaves only an incomplete
 * upload in `incoming/`, never a half-written file under a content name.
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import {
  assertSha256,
  isSha256,
  type EvidenceStorage,
  type ListedFile,
  type PutOptions,
  type PutResult,
  type PutSource,
} from './storage';
import type { Readable } from 'node:stream';

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;
const FAN_OUT = /^[0-9a-f]{2}$/;
const INCOMING = 'incoming';

/** The store of a data folder (the caller passes `dataDir()`, which owns the `DATA_DIR` rule). */
export function fsStorageIn(dataDir: string): FsStorage {
  return new FsStorage(path.join(dataDir, 'files'));
}

export class FsStorage implements EvidenceStorage {
  private rootReady: Promise<void> | undefined;

  constructor(readonly root: string) {}

  /** Where content lives: two levels of fan-out keep every folder small. */
  pathOf(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: PutSource, options: PutOptions = {}): Promise<PutResult> {
    const incoming = path.join(this.root, INCOMING);
    await this.ensureRoot();
    await makeDurableFolder(incoming);
    const temp = path.join(incoming, `${randomUUID()}.part`);
    const handle = await open(temp, 'wx', FILE_MODE);
    let placed = false;
    try {
      const written = await writeHashed(handle, source, options.maxBytes ?? Infinity);
      if (written.ok === false) return written;
      await handle.sync();
      await handle.close();
      const stored = { sha256: written.sha256, size: written.size };
      if (options.accept && !(await options.accept(temp, stored))) return { ok: false, reason: 'not-accepted' };
      const target = this.pathOf(stored.sha256);
      await makeDurableFolder(path.dirname(target));
      // Identical content may already be there: replacing it is atomic, harmless and renews its age for the sweep.
      await rename(temp, target);
      placed = true;
      await fsyncFolder(path.dirname(target));
      return { ok: true, ...stored };
    } finally {
      await handle.close().catch(() => undefined);
      if (!placed) await unlink(temp).catch(() => undefined);
    }
  }

  async get(sha256: string): Promise<Readable | null> {
    try {
      const handle = await open(this.pathOf(sha256), 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(sha256: string): Promise<boolean> {
    return (await statOrNull(this.pathOf(sha256))) !== null;
  }

  async delete(sha256: string, options: { unmodifiedSince?: Date } = {}): Promise<boolean> {
    const file = this.pathOf(sha256);
    const stats = await statOrNull(file);
    if (!stats) return false;
    if (options.unmodifiedSince && stats.mtime > options.unmodifiedSince) return false;
    try {
      await unlink(file);
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    await fsyncFolder(path.dirname(file));
    return true;
  }

  async *list(): AsyncIterable<ListedFile> {
    for (const first of await subfolders(this.root)) {
      for (const second of await subfolders(path.join(this.root, first))) {
        const folder = path.join(this.root, first, second);
        for (const name of await namesIn(folder)) {
          if (!isSha256(name) || !name.startsWith(first + second)) continue;
          const stats = await statOrNull(path.join(folder, name));
          if (stats?.isFile()) yield { sha256: name, size: stats.size, modifiedAt: stats.mtime };
        }
      }
    }
  }

  async purgeIncomplete(before: Date): Promise<number> {
    const incoming = path.join(this.root, INCOMING);
    let removed = 0;
    for (const name of await namesIn(incoming)) {
      const stats = await statOrNull(path.join(incoming, name));
      if (!stats || stats.mtime >= before) continue;
      await unlink(path.join(incoming, name)).catch(() => undefined);
      removed++;
    }
    return removed;
  }

  /** The root folder is private to the app's user, also when something else created it first. */
  private ensureRoot(): Promise<void> {
    this.rootReady ??= makeDurableFolder(this.root).then(() => chmod(this.root, FOLDER_MODE));
    return this.rootReady;
  }
}

type Written = { ok: true; sha256: string; size: number } | { ok: false; reason: 'too-large'; limitBytes: number };

async function writeHashed(handle: FileHandle, source: PutSource, maxBytes: number): Promise<Written> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of chunksOf(source)) {
    size += chunk.byteLength;
    // Leaving the loop ends the source (a stream is destroyed), so the rest of an oversized upload is never read.
    if (size > maxBytes) return { ok: false, reason: 'too-large', limitBytes: maxBytes };
    hash.update(chunk);
    await writeFully(handle, chunk);
  }
  return { ok: true, sha256: hash.digest('hex'), size };
}

async function* chunksOf(source: PutSource): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
  } else if ('getReader' in source) {
    const reader = source.getReader();
    let done = false;
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
      done = true;
    } finally {
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else {
    yield* source;
  }
}

async function writeFully(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let offset = 0; offset < chunk.byteLength;) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/** Creates a folder (and its parents) and fsyncs the parent of each new one, so the new entries survive a crash. */
async function makeDurableFolder(folder: string): Promise<void> {
  const firstCreated = await mkdir(folder, { recursive: true, mode: FOLDER_MODE });
  if (!firstCreated) return;
  for (let created = folder; ; created = path.dirname(created)) {
    await fsyncFolder(path.dirname(created));
    if (created === firstCreated) break;
  }
}

async function fsyncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function namesIn(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

async function subfolders(folder: string): Promise<string[]> {
  return (await namesIn(folder)).filter((name) => FAN_OUT.test(name));
}

async function statOrNull(file: string) {
  try {
    return await stat(file);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}
