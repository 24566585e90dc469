/**
 * Office 97-2003 documents are OLE2 compound files ([MS-CFB]): a little file system inside one file. What a compound
 * file is (a Word document, an Excel workbook, a PowerPoint deck, an .msi installer) shows in the names of the
 * streams at its root, so this reads only the header, the sector allocation table and the directory.
 */
import { open, type FileHandle } from 'node:fs/promises';

const SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const HEADER_BYTES = 512;
const LAST_REGULAR_SECTOR = 0xfffffffa;
const NO_ENTRY = 0xffffffff;
const DIRECTORY_ENTRY_BYTES = 128;
const HEADER_FAT_SECTORS = 109;
const ENTRY_STORAGE = 1;
const ENTRY_STREAM = 2;
const ENTRY_ROOT = 5;

class MalformedCompoundFile extends Error {}

/** The names of the streams and storages directly under the root, or null when the file is no well-formed one. */
export async function compoundFileRootNames(file: string): Promise<string[] | null> {
  const handle = await open(file, 'r');
  try {
    const reader = await SectorReader.open(handle);
    if (!reader) return null;
    const directory = await reader.readChain(reader.firstDirectorySector);
    return rootChildren(directory);
  } catch (error) {
    if (error instanceof MalformedCompoundFile) return null;
    throw error;
  } finally {
    await handle.close();
  }
}

class SectorReader {
  private fat: number[] = [];

  private constructor(
    private readonly handle: FileHandle,
    private readonly sectorBytes: number,
    private readonly sectorCount: number,
    readonly firstDirectorySector: number,
  ) {}

  static async open(handle: FileHandle): Promise<SectorReader | null> {
    const { size } = await handle.stat();
    if (size < HEADER_BYTES) return null;
    const header = await readAt(handle, 0, HEADER_BYTES);
    if (!header.subarray(0, 8).equals(SIGNATURE)) return null;
    const shift = header.readUInt16LE(30);
    if (shift !== 9 && shift !== 12) return null;
    const sectorBytes = 1 << shift;
    // Sector n starts at (n + 1) * sectorBytes: the header takes the place of sector -1.
    const sectorCount = Math.ceil(size / sectorBytes) - 1;
    const reader = new SectorReader(handle, sectorBytes, sectorCount, header.readUInt32LE(48));
    await reader.loadFat(header);
    return reader;
  }

  /** The allocation table: its sectors are listed in the header and, for big files, in a chain of DIFAT sectors. */
  private async loadFat(header: Buffer): Promise<void> {
    const fatSectors = uint32s(header.subarray(76, 76 + 4 * HEADER_FAT_SECTORS));
    const perSector = this.sectorBytes / 4;
    let difat = header.readUInt32LE(68);
    for (let hops = 0; difat <= LAST_REGULAR_SECTOR; hops++) {
      if (hops > this.sectorCount) throw new MalformedCompoundFile('DIFAT chain loops');
      const entries = uint32s(await this.readSector(difat));
      fatSectors.push(...entries.slice(0, perSector - 1));
      difat = entries[perSector - 1];
    }
    const declared = Math.min(header.readUInt32LE(44), this.sectorCount);
    for (const sector of fatSectors.filter((id) => id <= LAST_REGULAR_SECTOR).slice(0, declared)) {
      this.fat.push(...uint32s(await this.readSector(sector)));
    }
  }

  async readChain(start: number): Promise<Buffer> {
    const sectors: Buffer[] = [];
    for (let sector = start; sector <= LAST_REGULAR_SECTOR; sector = this.fat[sector]) {
      if (sectors.length >= this.sectorCount || sector >= this.fat.length) throw new MalformedCompoundFile('bad chain');
      sectors.push(await this.readSector(sector));
    }
    return Buffer.concat(sectors);
  }

  private readSector(sector: number): Promise<Buffer> {
    if (sector >= this.sectorCount) throw new MalformedCompoundFile('sector out of range');
    return readAt(this.handle, (sector + 1) * this.sectorBytes, this.sectorBytes);
  }
}

interface DirectoryEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
}

/** The root's children form a tree through their left and right siblings, starting at the root's child. */
function rootChildren(directory: Buffer): string[] {
  const count = Math.floor(directory.length / DIRECTORY_ENTRY_BYTES);
  const entry = (index: number): DirectoryEntry => parseEntry(directory.subarray(index * DIRECTORY_ENTRY_BYTES));
  if (count === 0 || entry(0).type !== ENTRY_ROOT) throw new MalformedCompoundFile('no root entry');
  const names: string[] = [];
  const seen = new Set<number>();
  const pending = [entry(0).child];
  while (pending.length > 0) {
    const index = pending.pop()!;
    if (index === NO_ENTRY || seen.has(index)) continue;
    if (index >= count) throw new MalformedCompoundFile('entry out of range');
    seen.add(index);
    const sibling = entry(index);
    if (sibling.type === ENTRY_STREAM || sibling.type === ENTRY_STORAGE) names.push(sibling.name);
    pending.push(sibling.left, sibling.right);
  }
  return names;
}

function parseEntry(bytes: Buffer): DirectoryEntry {
  const nameBytes = Math.min(Math.max(bytes.readUInt16LE(64) - 2, 0), 62);
  return {
    name: bytes.subarray(0, nameBytes).toString('utf16le'),
    type: bytes[66],
    left: bytes.readUInt32LE(68),
    right: bytes.readUInt32LE(72),
    child: bytes.readUInt32LE(76),
  };
}

function uint32s(bytes: Buffer): number[] {
  return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readUInt32LE(i * 4));
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  // Zero-filled: some writers leave the last sector short of its full size.
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead === 0) throw new MalformedCompoundFile('truncated');
  return buffer;
}
