/**
 * A streaming zip writer over yazl for downloads such as an evaluation's bundle (自评表 and evidence). Entries are
 * pulled from an async iterable one at a time, as the reader consumes the archive: at most the entry being
 * written and the next one are held, never the whole archive. Names are UTF-8 with the language-encoding flag
 * (yazl always sets general purpose bit 11), so Chinese names open right in Windows Explorer and macOS.
 */
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { sanitizeFileName } from '@/lib/evidence/file-name';

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
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  const names = new EntryNames();
  const nameSlabs = new NameSlabs();
  // One time for the entries that bring none: yazl keeps each entry's Date until the archive ends.
  const startedAt = new Date();
  let current: Readable | undefined;
  let closed = false;
  // Ends the wait for the entry being added. A wait raced against one promise of the archive's close would
  // leave a reaction on that promise for every entry, each holding the entry's closures: 1.5 kB an entry.
  let wake: (() => void) | undefined;
  output.once('close', () => {
    closed = true;
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
      // yazl keeps every entry, and the function that opens its data, until the archive ends (for the central
      // directory): the function reaches the data through this holder and lets go of it once opened, so a
      // written entry is not held for the rest of the archive.
      const pending: { data?: ZipEntry['data'] } = { data: entry.data };
      // Resolves when yazl starts writing this entry, that is when the previous one is fully written: back-pressure.
      let added: YazlEntry | undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        zip.addReadStreamLazy(name, options, (callback) => {
          current = toReadable(pending.data!);
          pending.data = undefined;
          current.once('error', fail);
          callback(null, current);
          resolve();
        });
        added = lastEntry(zip);
      });
      wake = undefined;
      if (closed) return destroyData(entry);
      // Being written now: what yazl keeps of it until the end is trimmed to what the central directory needs.
      nameSlabs.unpool(added);
      forgetDataPump(added);
    }
    zip.end();
  };
  addAll().catch(fail);
  return output;
}

/** The archive as a web stream, for a route handler's `new Response(zipWebStream(entries), { headers })`. */
export function zipWebStream(entries: ZipEntries): ReadableStream<Uint8Array> {
  return Readable.toWeb(zipStream(entries)) as unknown as ReadableStream<Uint8Array>;
}

interface YazlEntry {
  utf8FileName: Buffer;
  doFileDataPump?: unknown;
}

function lastEntry(zip: ZipFile): YazlEntry | undefined {
  const entries = (zip as unknown as { entries: YazlEntry[] }).entries;
  return entries[entries.length - 1];
}

/**
 * yazl keeps each entry's name for the central directory as a small Buffer, and Node cuts small Buffers out of a
 * shared 8 KB slab: the name kept alive for the rest of the archive pins its slab with everything else cut out of
 * it meanwhile (a 自评表's workbook makes thousands of small Buffers), about 8 KB an entry. The archive copies each
 * name into slabs of its own, which hold names only (a Buffer of its own per name would cost an ArrayBuffer each).
 */
class NameSlabs {
  private slab = Buffer.allocUnsafeSlow(0);
  private used = 0;

  unpool(entry: YazlEntry | undefined): void {
    if (!entry) return;
    const name = entry.utf8FileName;
    if (this.used + name.length > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(NAME_SLAB_BYTES, name.length));
      this.used = 0;
    }
    const own = this.slab.subarray(this.used, this.used + name.length);
    name.copy(own);
    this.used += name.length;
    entry.utf8FileName = own;
  }
}

const NAME_SLAB_BYTES = 64 * 1024;

/**
 * Once an entry is being written, yazl never calls its pump function again, but keeps it (and through it our
 * function that opens the data, with its scope) until the archive ends. Dropped, an entry of a 200,000-file
 * archive is left with what the central directory needs.
 */
function forgetDataPump(entry: YazlEntry | undefined): void {
  if (entry) entry.doFileDataPump = undefined;
}

function toReadable(data: Uint8Array | Readable): Readable {
  return data instanceof Readable ? data : Readable.from([data], { objectMode: false });
}

function destroyData(entry: ZipEntry): void {
  if (entry.data instanceof Readable) entry.data.destroy();
}

/**
 * Safe, unique entry names: each segment made a safe file name (so no `..`, no absolute path, no drive letter), empty
 * folders dropped, and a second `合同.pdf` in the same folder becomes `合同 (2).pdf` (compared as Windows does,
 * ignoring case).
 */
class EntryNames {
  private readonly taken = new Set<string>();

  take(rawPath: string | readonly string[]): string {
    const segments =
      typeof rawPath === 'string' ? rawPath.split(/[\\/]/) : rawPath.map((segment) => segment.replace(/[\\/]/g, '_'));
    const fileName = sanitizeFileName(segments.pop() ?? '');
    const folders = segments.map((segment) => sanitizeFileName(segment, '')).filter(Boolean);
    const folder = folders.length > 0 ? `${folders.join('/')}/` : '';
    for (let copy = 1; ; copy++) {
      const name = folder + (copy === 1 ? fileName : numbered(fileName, copy));
      if (this.taken.has(name.toLowerCase())) continue;
      this.taken.add(name.toLowerCase());
      return name;
    }
  }
}

function numbered(fileName: string, copy: number): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)} (${copy})${fileName.slice(dot)}` : `${fileName} (${copy})`;
}
