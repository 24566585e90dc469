import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectEvidenceType, type EvidenceKind } from '@/lib/evidence/file-type';
import {
  compoundFile,
  docxFile,
  exeFile,
  jpegFile,
  ofdFile,
  pdfFile,
  pngFile,
  tempFolder,
  xlsxFile,
  zipFile,
  zipSlipFile,
} from './evidence-fixtures';

const folder = tempFolder();
afterAll(folder.cleanup);

let written = 0;
async function detect(name: string, content: Buffer | Promise<Buffer>) {
  const file = path.join(folder.dir, `upload-${++written}`);
  writeFileSync(file, await content);
  return detectEvidenceType({ name, file });
}

const REFUSED = '的内容不是允许的文件类型（允许：PDF、JPEG、PNG、Word、Excel、OFD、ZIP）';

describe('allowed types, decided from the content', () => {
  const allowed: Array<[EvidenceKind, string, () => Buffer | Promise<Buffer>, string]> = [
    ['pdf', '合同.pdf', pdfFile, 'application/pdf'],
    ['jpeg', '现场照片.jpg', jpegFile, 'image/jpeg'],
    ['png', '截图.png', () => pngFile(), 'image/png'],
    ['docx', '出勤台账.docx', docxFile, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', '稳岗率.xlsx', xlsxFile, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['doc', '验收单.doc', () => compoundFile([{ name: 'WordDocument' }, { name: '1Table' }]), 'application/msword'],
    ['xls', '台账.xls', () => compoundFile([{ name: 'Workbook' }]), 'application/vnd.ms-excel'],
    ['ofd', '发票.ofd', ofdFile, 'application/ofd'],
    ['zip', '问卷.zip', () => zipFile({ '问卷/1.txt': '满意', '问卷/2.txt': '很满意' }), 'application/zip'],
  ];
  it.each(allowed)('%s', async (kind, name, make, mime) => {
    expect(await detect(name, make())).toMatchObject({ ok: true, kind, mime });
  });

  it('ignores the extension and the name: a PDF named .docx is a PDF, a Word document named .pdf is Word', async () => {
    expect(await detect('报告.docx', pdfFile())).toMatchObject({ ok: true, kind: 'pdf', extension: 'pdf' });
    expect(await detect('报告.pdf', docxFile())).toMatchObject({ ok: true, kind: 'docx', extension: 'docx' });
    expect(await detect('无扩展名', pngFile())).toMatchObject({ ok: true, kind: 'png' });
  });

  it('tells an OFD and Office documents apart from a plain zip by their entries', async () => {
    expect(await detect('a.zip', zipFile({ 'ofd.xml': '<x/>' }))).toMatchObject({ kind: 'ofd' });
    expect(await detect('a.zip', zipFile({ 'docs/OFD.xml': '<x/>' }))).toMatchObject({ kind: 'zip' });
    expect(await detect('a.zip', zipFile({ 'word/document.xml': '<x/>' }))).toMatchObject({ kind: 'zip' });
    expect(
      await detect('a.zip', zipFile({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<x/>' })),
    ).toMatchObject({ kind: 'xlsx' });
  });

  it('reads a compound file whose directory is scattered and reached through DIFAT sectors', async () => {
    const tree = [{ name: 'CompObj' }, { name: 'SummaryInformation' }, { name: 'Data' }, { name: 'WordDocument' }];
    expect(await detect('a.doc', compoundFile(tree, { scattered: true }))).toMatchObject({ kind: 'doc' });
    const far = compoundFile([{ name: 'Book' }, { name: 'Ctls' }], { directoryAt: 14_200, scattered: true });
    expect(far.length).toBeGreaterThan(7_000_000);
    expect(await detect('a.xls', far)).toMatchObject({ kind: 'xls' });
  });
});

describe('refused', () => {
  const refused: Array<[string, string, () => Buffer | Promise<Buffer>]> = [
    ['a Windows executable renamed .pdf', '病毒.pdf', exeFile],
    ['HTML', '通知.pdf', () => Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>')],
    ['SVG', '图.png', () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['a shell script', '台账.xlsx', () => Buffer.from('#!/bin/sh\nrm -rf /\n')],
    ['plain text', '说明.doc', () => Buffer.from('这是一段文字')],
    ['a GIF', '动图.png', () => Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    ['a PowerPoint file', '汇报.pptx', pptxFile],
    ['a Java archive', '工具.zip', () => zipFile({ 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n' })],
    ['a zip with a path attack inside', '材料.zip', zipSlipFile],
    ['a zip cut short (no central directory)', '材料.zip', truncatedZip],
    ['an Office 97-2003 PowerPoint', '汇报.ppt', () => compoundFile([{ name: 'PowerPoint Document' }])],
    [
      'an installer (a compound file without a document)',
      '安装.doc',
      () => compoundFile([{ name: '\u4840SummaryInformation' }]),
    ],
    [
      'a Word stream hidden in a sub-storage',
      '伪装.doc',
      () => compoundFile([{ name: 'Objects', children: [{ name: 'WordDocument' }] }]),
    ],
    ['a compound file with a looping directory chain', '坏.doc', loopingCompoundFile],
  ];
  it.each(refused)('%s', async (_what, name, make) => {
    expect(await detect(name, make())).toEqual({ ok: false, message: `“${name}”${REFUSED}` });
  });

  it('names the file without its path or invisible characters, and says when it is empty', async () => {
    expect(await detect('C:\\temp\\病毒\u202E.pdf', exeFile())).toEqual({ ok: false, message: `“病毒.pdf”${REFUSED}` });
    expect(await detect('空.pdf', Buffer.alloc(0))).toEqual({
      ok: false,
      message: '“空.pdf”是空文件，没有可以保存的内容',
    });
  });
});

function pptxFile(): Promise<Buffer> {
  return zipFile({
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
    'ppt/presentation.xml': '<p:presentation/>',
  });
}

async function truncatedZip(): Promise<Buffer> {
  const zip = await zipFile({ 'a.txt': 'x'.repeat(500), 'b.txt': 'y'.repeat(500) });
  return zip.subarray(0, zip.length - 40);
}

/** A valid-looking compound file whose FAT sends the directory chain back to itself. */
function loopingCompoundFile(): Buffer {
  const file = compoundFile([{ name: 'WordDocument' }]);
  const directorySector = file.readUInt32LE(48);
  file.writeUInt32LE(directorySector, 512 + 4 * directorySector);
  return file;
}
