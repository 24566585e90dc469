/**
 * Real files of every kind the evidence checks meet, built in memory: a PDF, images, Office documents written by
 * the libraries the app uses, OLE2 compound files laid out as [MS-CFB] says, zips, and things to refuse. No test
 * runner in here: the e2e specs use these files too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { deflateSync, crc32 } from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { ZipFile } from 'yazl';

export function tempFolder(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-evidence-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A one-page PDF with a correct cross-reference table. */
export function pdfFile(text = '佐证'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Title (${Buffer.from(text).toString('hex')}) >>`,
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = objects.map((object, i) => {
    const offset = Buffer.byteLength(body, 'latin1');
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG of the given colour. */
export function pngFile(rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 2×2 baseline JPEG (written once by libjpeg through sharp). */
export function jpegFile(): Buffer {
  return Buffer.from(
    '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9j' +
      'QjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAA' +
      'AAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCOACqH/9k=',
    'base64',
  );
}

export function docxFile(): Promise<Buffer> {
  const document = new Document({ sections: [{ children: [new Paragraph('出勤台账')] }] });
  return Packer.toBuffer(document);
}

export async function xlsxFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('稳岗率').addRow(['月份', '稳岗率']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A zip of the given entries, written by yazl. */
export function zipFile(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, data] of Object.entries(entries)) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  return buffer(zip.outputStream);
}

/** A minimal OFD package (GB/T 33190): the entry file OFD.xml at the root, one document. */
export function ofdFile(): Promise<Buffer> {
  return zipFile({
    'OFD.xml': '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>',
    'Doc_0/Document.xml':
      '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>',
  });
}

/** A zip whose entry name is `../evil.sh`: written as `AA/evil.sh` and patched, since yazl refuses to write it. */
export async function zipSlipFile(): Promise<Buffer> {
  const zip = await zipFile({ 'AA/evil.sh': '#!/bin/sh\n' });
  return Buffer.from(zip.toString('latin1').replaceAll('AA/evil.sh', '../evil.sh'), 'latin1');
}

/** The start of a Windows PE executable (MZ header pointing at the PE signature). */
export function exeFile(): Buffer {
  const exe = Buffer.alloc(1024);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  exe.writeUInt16LE(0x14c, 0x84);
  return exe;
}

export interface CompoundNode {
  name: string;
  /** Children make it a storage; without, it is an (empty) stream. */
  children?: CompoundNode[];
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;
const DIFAT_SECTOR = 0xfffffffc;

/**
 * An OLE2 compound file (version 3, 512-byte sectors) with the given tree under its root. `directoryAt` places the
 * directory far into the file (so that its allocation entries live in FAT sectors listed in DIFAT sectors) and
 * `scattered` chains its sectors backwards, so that a reader must follow the FAT.
 */
export function compoundFile(tree: CompoundNode[], options: { directoryAt?: number; scattered?: boolean } = {}) {
  const entries = directoryEntries(tree);
  const directorySectors = Math.ceil(entries.length / 4);
  let fatCount = 1;
  let difatCount = 0;
  let directoryStart = 0;
  for (; ; fatCount++) {
    difatCount = Math.max(0, Math.ceil((fatCount - 109) / 127));
    directoryStart = Math.max(options.directoryAt ?? 0, fatCount + difatCount);
    if (fatCount * 128 >= directoryStart + directorySectors) break;
  }
  const sectorCount = directoryStart + directorySectors;
  const fat = new Array<number>(fatCount * 128).fill(FREE);
  for (let i = 0; i < fatCount; i++) fat[i] = FAT_SECTOR;
  for (let i = 0; i < difatCount; i++) fat[fatCount + i] = DIFAT_SECTOR;
  const order = Array.from({ length: directorySectors }, (_, i) => directoryStart + i);
  if (options.scattered) order.reverse();
  order.forEach((sector, i) => (fat[sector] = order[i + 1] ?? END_OF_CHAIN));

  const file = Buffer.alloc(512 * (sectorCount + 1));
  const header = file.subarray(0, 512);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(fatCount, 44);
  header.writeUInt32LE(order[0], 48);
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(END_OF_CHAIN, 60);
  header.writeUInt32LE(difatCount > 0 ? fatCount : END_OF_CHAIN, 68);
  header.writeUInt32LE(difatCount, 72);
  const sectorAt = (sector: number) => file.subarray(512 * (sector + 1), 512 * (sector + 2));
  // FAT sector ids: the first 109 in the header, the rest 127 a DIFAT sector, each ending with the next one's id.
  for (let slot = 0; slot < 109; slot++) header.writeUInt32LE(slot < fatCount ? slot : FREE, 76 + 4 * slot);
  for (let d = 0; d < difatCount; d++) {
    const difat = sectorAt(fatCount + d);
    for (let slot = 0; slot < 127; slot++) {
      const id = 109 + 127 * d + slot;
      difat.writeUInt32LE(id < fatCount ? id : FREE, 4 * slot);
    }
    difat.writeUInt32LE(d + 1 < difatCount ? fatCount + d + 1 : END_OF_CHAIN, 4 * 127);
  }
  fat.forEach((next, i) => sectorAt(Math.floor(i / 128)).writeUInt32LE(next, 4 * (i % 128)));
  order.forEach((sector, i) => {
    const target = sectorAt(sector);
    for (let slot = 0; slot < 4; slot++) (entries[i * 4 + slot] ?? emptyEntry()).copy(target, slot * 128);
  });
  return file;
}

function directoryEntries(tree: CompoundNode[]): Buffer[] {
  const entries: Buffer[] = [entry('Root Entry', 5)];
  const place = (nodes: CompoundNode[]): number => {
    if (nodes.length === 0) return FREE;
    // A balanced tree of siblings: the middle one, with the halves to its left and right.
    const middle = Math.floor(nodes.length / 2);
    const node = nodes[middle];
    const index = entries.push(entry(node.name, node.children ? 1 : 2)) - 1;
    entries[index].writeUInt32LE(place(nodes.slice(0, middle)), 68);
    entries[index].writeUInt32LE(place(nodes.slice(middle + 1)), 72);
    if (node.children) entries[index].writeUInt32LE(place(node.children), 76);
    return index;
  };
  entries[0].writeUInt32LE(place(tree), 76);
  return entries;
}

function entry(name: string, type: number): Buffer {
  const bytes = emptyEntry();
  bytes.write(name, 0, 'utf16le');
  bytes.writeUInt16LE((name.length + 1) * 2, 64);
  bytes[66] = type;
  bytes[67] = 1;
  bytes.writeUInt32LE(END_OF_CHAIN, 116);
  return bytes;
}

function emptyEntry(): Buffer {
  const bytes = Buffer.alloc(128);
  for (const offset of [68, 72, 76]) bytes.writeUInt32LE(FREE, offset);
  return bytes;
}

export { readZip, type ReadEntry } from './read-zip';
