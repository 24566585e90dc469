import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

/** Every entry of a zip archive, read back with yauzl (an independent reader) for the tests and e2e. */
export interface ReadEntry {
  name: string;
  utf8Flag: boolean;
  method: number;
  mtime: Date;
  data: Buffer;
}

export async function readZip(zip: Buffer): Promise<ReadEntry[]> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const entries: ReadEntry[] = [];
  for (;;) {
    const next = new Promise<yauzl.Entry | null>((resolve, reject) => {
      file.once('entry', resolve);
      file.once('end', () => resolve(null));
      file.once('error', reject);
    });
    file.readEntry();
    const entry = await next;
    if (!entry) return entries;
    entries.push({
      name: entry.fileName,
      utf8Flag: (entry.generalPurposeBitFlag & 0x800) !== 0,
      method: entry.compressionMethod,
      mtime: entry.getLastModDate(),
      data: await buffer(await file.openReadStreamPromise(entry)),
    });
  }
}
