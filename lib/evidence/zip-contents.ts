/**
 * The names inside a zip, read from its central directory only: nothing is extracted or inflated. DOCX, XLSX and
 * OFD are all zips; what is inside tells them apart from each other and from a plain archive.
 */
import yauzl from 'yauzl';

/** The entry names of a zip file, or null when it is not a well-formed zip (or an entry name is a path attack). */
export async function zipEntryNames(file: string): Promise<string[] | null> {
  let zip: yauzl.ZipFile;
  try {
    // yauzl refuses absolute names and `..` while decoding: such an archive is refused as a whole.
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: true, decodeStrings: true });
  } catch {
    return null;
  }
  return new Promise((resolve) => {
    const names: string[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      zip.readEntry();
    });
    zip.once('end', () => resolve(names));
    zip.once('error', () => {
      zip.close();
      resolve(null);
    });
    zip.readEntry();
  });
}
