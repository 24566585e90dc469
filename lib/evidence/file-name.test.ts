import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceFileName, MAX_NAME_CHARS, sanitizeFileName } from './file-name';

const PDF = { extension: 'pdf' };
const JPEG = { extension: 'jpg', aliases: ['jpeg', 'jpe'] };
const DOCX = { extension: 'docx' };

describe('evidenceFileName', () => {
  it.each([
    ['../../etc/passwd', PDF, 'passwd.pdf'],
    ['..\\..\\Windows\\system32\\config', PDF, 'config.pdf'],
    ['C:\\Users\\张三\\桌面\\出勤台账.pdf', PDF, '出勤台账.pdf'],
    ['/var/tmp/合同.PDF', PDF, '合同.pdf'],
    ['现场照片.JPEG', JPEG, '现场照片.jpeg'],
    ['现场照片.png', JPEG, '现场照片.jpg'],
    ['报告.pdf', DOCX, '报告.docx'],
    ['报告.pdf.exe', PDF, '报告.pdf'],
    ['第1.5期', PDF, '第1.5期.pdf'],
    ['合同 v1.2', PDF, '合同 v1.2.pdf'],
    ['.htaccess', PDF, 'htaccess.pdf'],
    ['...', PDF, '附件.pdf'],
    ['', PDF, '附件.pdf'],
    ['../', PDF, '附件.pdf'],
    ['  \u0000\u0007  ', PDF, '附件.pdf'],
    ['验收\u202Efdp.exe', PDF, '验收fdp.pdf'],
    ['台账\n2024\t年.pdf', PDF, '台账 2024 年.pdf'],
    ['a<b>c:d"e|f?g*h.pdf', PDF, 'a_b_c_d_e_f_g_h.pdf'],
    ['CON.pdf', PDF, '_CON.pdf'],
    ['lpt1', PDF, '_lpt1.pdf'],
    ['nul.tar.pdf', PDF, '_nul.tar.pdf'],
    ['console.pdf', PDF, 'console.pdf'],
    ['报告. . .pdf', PDF, '报告.pdf'],
    ['报告   全年.pdf', PDF, '报告 全年.pdf'],
  ])('%j → %s', (raw, type, expected) => {
    expect(evidenceFileName(raw, type)).toBe(expected);
  });

  it('shortens a long name to 120 characters, keeping the extension and whole characters', () => {
    const long = `${'佐证材料'.repeat(100)}.pdf`;
    const name = evidenceFileName(long, PDF);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(Array.from(name).length).toBeLessThanOrEqual(MAX_NAME_CHARS);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(240);
    expect(name.startsWith('佐证材料佐证')).toBe(true);
    const emoji = evidenceFileName(`${'😀'.repeat(200)}.pdf`, PDF);
    expect(emoji).toMatch(/^(😀)+\.pdf$/u);
    expect(Array.from('x'.repeat(300) + '.pdf').length).toBeGreaterThan(MAX_NAME_CHARS);
    expect(evidenceFileName('x'.repeat(300) + '.pdf', PDF)).toBe(`${'x'.repeat(MAX_NAME_CHARS - 4)}.pdf`);
  });

  it('always gives a safe name, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const name = evidenceFileName(raw, PDF);
        expect(name).toMatch(/\.pdf$/);
        expect(name).not.toMatch(/[\\/<>:"|?*\p{Cc}\p{Cf}]/u);
        expect(name).not.toMatch(/^[\s.]/);
        expect(name.slice(0, -4)).not.toMatch(/[\s.]$/);
        expect(Array.from(name).length).toBeLessThanOrEqual(MAX_NAME_CHARS);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(240);
        expect(name.slice(0, -4).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('sanitizeFileName', () => {
  it('keeps the extension as it is and falls back when nothing is left', () => {
    expect(sanitizeFileName('01-委托专业机构检查企业家数')).toBe('01-委托专业机构检查企业家数');
    expect(sanitizeFileName('培训人数/次')).toBe('次');
    expect(sanitizeFileName('自评表.XLSX')).toBe('自评表.XLSX');
    expect(sanitizeFileName('..')).toBe('未命名');
    expect(sanitizeFileName('..', '')).toBe('');
    expect(sanitizeFileName('aux')).toBe('_aux');
  });
});
