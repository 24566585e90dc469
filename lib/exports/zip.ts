/**
 * A streaming zip writer over yazl for downloads such as an evaluation's bundle (自评表 and evidence). Entries are
 * pulled from an async iterable one at a time, as the reader consumes the archive: at most the entry being
 * written and the next one are held, never the whole archive, and what the central directory needs of each written
 * file goes to a temp file (zip-directory.ts) instead of staying in memory. Names are UTF-8 with the language-encoding flag
 * (yazl always sets general purpose bit 11), so Chinese names open right in Windows Explorer and macOS.
 */
import { PassThrough, Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { CentralDirectory, endOfCentralDirectory } from './zip-directory';
import { EntryNames } from './zip-names';

export interface ZipEntry {
  /**
   * Where the file goes in the archive: `01-委托专业机构检查企业家数/合同.pdf`, or the segments as a list (then a
   * `/` inside a segment, e.g. from an indicator's name, stays in that segment's name as `_`).
   */
  path: string | readonly string[];
  data: Uint8Array | Readable;
  mtime?: Date;
  /** Deflate the data; by default formats that are compressed already (PDF, images, Office, zip) are stored. */
  compress?: boolean;
}

export type ZipEntries = AsyncIterable<ZipEntry> | Iterable<ZipEntry>;

const ALREADY_COMPRESSED = /\.(pdf|jpe?g|png|gif|webp|docx|xlsx|pptx|ofd|zip|gz|7z|rar|mp4|mp3)$/i;

/** The archive as a Node stream (pipe it to a file or a response); a failing entry destroys it with the error. */
export function zipStream(entries: ZipEntries): Readable {
  const zip = new ZipFile() as unknown as Yazl;
  const output = zip.outputStream;
  const names = new EntryNames();
  const directory = new CentralDirectory();
  // One time for the entries that bring none.
  const startedAt = new Date();
  let current: Readable | undefined;
  let closed = false;
  // Ends the wait for the entry being added. A wait raced against one promise of the archive's close would
  // leave a reaction on that promise for every entry, each holding the entry's closures: 1.5 kB an entry.
  let wake: (() => void) | undefined;
  output.once('close', () => {
    closed = true;
    directory.dispose();
    // The reader went away (a cancelled download): stop reading the entry being written.
    current?.destroy();
    wake?.();
  });
  const fail = (error: unknown) => {
    current?.destroy();
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  zip.on('error', fail);

  const addAll = async () => {
    for await (const entry of entries) {
      if (closed) return destroyData(entry);
      const name = names.take(entry.path);
      const options = { mtime: entry.mtime ?? startedAt, compress: entry.compress ?? !ALREADY_COMPRESSED.test(name) };
      // The opener reaches the data through this holder and lets go of it once opened.
      const pending: { data?: ZipEntry['data'] } = { data: entry.data };
      // Resolves when yazl starts writing this entry, that is when the previous one is fully written: back-pressure.
      await new Promise<void>((resolve) => {
        wake = resolve;
        zip.addReadStreamLazy(name, options, (callback) => {
          retireWrittenEntries(zip, directory);
          current = toReadable(pending.data!);
          pending.data = undefined;
          current.once('error', fail);
          callback(null, current);
          resolve();
        });
      });
      wake = undefined;
      if (closed) return destroyData(entry);
      await directory.settled();
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
      whenAllWritten(zip, resolve);
    });
    if (closed) return;
    retireWrittenEntries(zip, directory);
    await writeCentralDirectory(zip, directory);
  };
  addAll().catch(fail);
  return output;
}

/**
 * Ends the archive as yazl's end() would, from the records kept on disk: yazl's own end() writes the entries it
 * still holds, and the writer has let go of all of them.
 */
async function writeCentralDirectory(zip: Yazl, directory: CentralDirectory): Promise<void> {
  const output = zip.outputStream;
  const offset = zip.outputStreamCursor;
  for await (const chunk of directory.chunks()) {
    if (output.destroyed) return;
    if (!output.write(chunk)) await drainedOrClosed(output);
  }
  if (output.destroyed) return;
  output.end(endOfCentralDirectory({ count: directory.count, size: directory.size, offset }));
  directory.dispose();
}

/** The archive as a web stream, for a route handler's `new Response(zipWebStream(entries), { headers })`. */
export function zipWebStream(entries: ZipEntries): ReadableStream<Uint8Array> {
  return Readable.toWeb(zipStream(entries)) as unknown as ReadableStream<Uint8Array>;
}

/** What the writer uses of yazl beyond its API: yazl keeps these fields for its own end(). */
interface Yazl {
  outputStream: PassThrough;
  outputStreamCursor: number;
  entries: YazlEntry[];
  addReadStreamLazy: ZipFile['addReadStreamLazy'];
  on: ZipFile['on'];
}

interface YazlEntry {
  state: number;
  getCentralDirectoryRecord(): Buffer;
  getDataDescriptor(): Buffer;
}

/** yazl's Entry.FILE_DATA_DONE: the data and the data descriptor are written. */
const WRITTEN = 3;

/**
 * Moves the entries yazl has finished from its list to the central directory. yazl would keep each until the
 * archive ends, and look through all of them for the next to write at every step: quadratic in the entries.
 */
function retireWrittenEntries(zip: Yazl, directory: CentralDirectory): void {
  while (zip.entries.length > 0 && zip.entries[0].state === WRITTEN) {
    directory.add(zip.entries.shift()!.getCentralDirectoryRecord());
  }
}

/**
 * Calls back once yazl has written the last entry. yazl tells no one: it marks the entry done right after it
 * asks the entry for its data descriptor, in the same synchronous step, so a microtask queued from there runs
 * after the mark.
 */
function whenAllWritten(zip: Yazl, callback: () => void): void {
  const last = zip.entries[zip.entries.length - 1];
  if (!last || last.state === WRITTEN) return callback();
  const describe = last.getDataDescriptor;
  last.getDataDescriptor = function (this: YazlEntry) {
    queueMicrotask(callback);
    return describe.call(this);
  };
}

function drainedOrClosed(output: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done);
      output.off('close', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
  });
}

function toReadable(data: Uint8Array | Readable): Readable {
  return data instanceof Readable ? data : Readable.from([data], { objectMode: false });
}

function destroyData(entry: ZipEntry): void {
  if (entry.data instanceof Readable) entry.data.destroy();
}
