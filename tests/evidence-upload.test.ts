import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { attachments, auditLog } from '@/db/schema';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { submitOperation } from '@/lib/evaluations/transitions';
import { uploadEvidenceOperation } from '@/lib/evidence/upload';
import { runOperation } from '@/lib/operations';
import { docxFile, exeFile, ofdFile, pdfFile, pngFile, xlsxFile } from './evidence-fixtures';
import { evidenceWorld, remove, upload, uploadRequest } from './evidence-world';
import { rowsOf } from './helpers';
import { completeDraft } from './world';

const world = evidenceWorld();
const MB = 1024 * 1024;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const incoming = () => {
  try {
    return readdirSync(path.join(world.dir, 'files', 'incoming'));
  } catch {
    return [];
  }
};
const rowsOfEvaluation = (id: number) => rowsOf(world.db, attachments, eq(attachments.evaluationId, id));

afterEach(() => {
  delete process.env.EVIDENCE_MAX_EVALUATION_MB;
});

describe('uploading evidence', () => {
  it('stores a PDF and a PNG on an indicator row, content-addressed, and audits each upload', async () => {
    const id = await world.evaluationOf('应急专项经费');
    const indicator = (await world.bundle(id)).indicators[2];
    const pdf = pdfFile('出勤台账');
    const png = pngFile();
    const result = await upload(
      world,
      world.actors.owner1,
      id,
      [
        { name: '出勤台账.pdf', data: pdf },
        { name: '现场照片.PNG', data: png },
      ],
      { indicatorId: String(indicator.id) },
    );
    expect(result).toMatchObject({ ok: true, message: '已上传 2 个文件' });
    if (!result.ok) return;
    expect(result.data.items).toEqual([
      expect.objectContaining({ name: '出勤台账.pdf', size: pdf.length, sha256: sha256(pdf), mime: 'application/pdf' }),
      expect.objectContaining({ name: '现场照片.png', size: png.length, sha256: sha256(png), mime: 'image/png' }),
    ]);
    expect(result.data.items.map((i) => [i.indicatorId, i.target, i.purpose, i.uploadedBy])).toEqual([
      [indicator.id, 'indicator', 'owner', world.actors.owner1.displayName],
      [indicator.id, 'indicator', 'owner', world.actors.owner1.displayName],
    ]);
    const file = world.storage().pathOf(sha256(pdf));
    expect(readFileSync(file).equals(pdf)).toBe(true);

    const audit = await rowsOf(world.db, auditLog, eq(auditLog.evaluationId, id));
    expect(audit.map((a) => [a.action, a.actorId, a.entityType, a.field, a.newValue])).toEqual([
      [
        'attach',
        world.actors.owner1.id,
        'attachment',
        `佐证材料 · 第3行“${indicator.name}”`,
        `出勤台账.pdf（${pdf.length} 字节，sha256 ${sha256(pdf)}）`,
      ],
      ['attach', world.actors.owner1.id, 'attachment', `佐证材料 · 第3行“${indicator.name}”`, expect.any(String)],
    ]);
  });

  it('takes every allowed type on the budget line, the goal and the whole evaluation, one copy for identical content', async () => {
    const id = await world.evaluationOf('三防专项经费');
    const docx = await docxFile();
    const files = [
      { name: '报告.docx', data: docx },
      { name: '稳岗率.xlsx', data: await xlsxFile() },
      { name: '电子公文.ofd', data: await ofdFile() },
      { name: '报告副本.docx', data: docx },
    ];
    for (const target of ['budget', 'goal', 'evaluation']) {
      expect(await upload(world, world.actors.owner1, id, files, { target })).toMatchObject({ ok: true });
    }
    expect(await upload(world, world.actors.owner1, id, [{ name: '整体.pdf', data: pdfFile() }])).toMatchObject({
      ok: true,
      data: { items: [{ target: 'evaluation', indicatorId: null }] },
    });
    const rows = await rowsOfEvaluation(id);
    expect(rows.map((r) => r.mime)).toContain('application/ofd');
    expect(rows.filter((r) => r.sha256 === sha256(docx))).toHaveLength(6);
    const listed = [];
    for await (const file of world.storage().list()) listed.push(file.sha256);
    expect(listed.filter((s) => s === sha256(docx))).toHaveLength(1);
  });

  it('stores a file named ../../etc/passwd under a safe name inside the store', async () => {
    const id = await world.evaluationOf('应急专项经费');
    const result = await upload(world, world.actors.owner1, id, [{ name: '../../etc/passwd', data: pdfFile() }]);
    expect(result).toMatchObject({ ok: true, data: { items: [{ name: 'passwd.pdf' }] } });
    const names = (await rowsOfEvaluation(id)).map((r) => r.name);
    expect(names.every((name) => !/[\\/]/.test(name) && !name.startsWith('.'))).toBe(true);
  });

  it('refuses a Windows executable renamed .pdf with 415 and a message naming it, keeping nothing', async () => {
    const id = await world.evaluationOf('法律顾问与审批服务经费');
    const before = await rowsOfEvaluation(id);
    const result = await upload(world, world.actors.owner1, id, [
      { name: '合同.pdf', data: pdfFile() },
      { name: '验收单.pdf', data: exeFile() },
    ]);
    expect(result).toEqual({
      ok: false,
      code: 'unsupported_type',
      message: '“验收单.pdf”的内容不是允许的文件类型（允许：PDF、JPEG、PNG、Word、Excel、OFD、ZIP）',
    });
    expect(await rowsOfEvaluation(id)).toEqual(before);
    expect(await world.storage().exists(sha256(exeFile()))).toBe(false);
    expect(incoming()).toEqual([]);
  });

  it('refuses a 21 MB file with 413 at the first byte over 20 MB, naming the file and the limit', async () => {
    const id = await world.evaluationOf('法律顾问与审批服务经费');
    const big = Buffer.concat([pdfFile(), randomBytes(21 * MB)]);
    const result = await upload(world, world.actors.owner1, id, [{ name: '全年台账.pdf', data: big }]);
    expect(result).toEqual({ ok: false, code: 'too_large', message: '“全年台账.pdf”超过单个文件 20 MB 的上限' });
    expect(await rowsOfEvaluation(id)).toEqual([]);
    expect(await world.storage().exists(sha256(big))).toBe(false);
    expect(incoming()).toEqual([]);
  });

  it('counts every file of the evaluation against its limit, and a declared length that cannot fit', async () => {
    process.env.EVIDENCE_MAX_EVALUATION_MB = '1';
    const id = await world.evaluationOf('执法检查事故调查处理经费');
    const half = () => Buffer.concat([pdfFile(), randomBytes(0.6 * MB)]);
    expect(await upload(world, world.actors.owner1, id, [{ name: '一.pdf', data: half() }])).toMatchObject({
      ok: true,
    });
    const second = await upload(world, world.actors.owner1, id, [{ name: '二.pdf', data: half() }]);
    expect(second).toMatchObject({ ok: false, code: 'too_large' });
    if (!second.ok)
      expect(second.message).toMatch(/^“二\.pdf”会使本评价的佐证材料超过 1 MB 的上限（已用 0\.6 MB，剩余 0\.3 MB）$/);
    const declared = await runOperation(
      uploadEvidenceOperation,
      world.actors.owner1,
      {
        evaluationId: id,
        request: { ...uploadRequest([{ name: '三.pdf', data: pdfFile() }]), contentLength: 3 * MB },
      },
      world.db,
    );
    expect(declared).toMatchObject({ ok: false, code: 'too_large', message: expect.stringMatching(/^“三\.pdf”会使/) });
  });

  it('answers 422 for what it cannot read, before anything is recorded', async () => {
    const id = await world.evaluationOf('执法检查事故调查处理经费');
    const other = (await world.bundle(await world.evaluationOf('三防专项经费'))).indicators[0].id;
    const pdf = [{ name: 'a.pdf', data: pdfFile() }];
    const cases: Array<[Parameters<typeof upload>[3], Record<string, string>, RegExp]> = [
      [pdf, { indicatorId: String(other) }, /所属的行不存在/],
      [pdf, { target: 'everything' }, /所属的行不存在/],
      [pdf, { target: 'budget', indicatorId: '1' }, /只指定 indicatorId 或 target/],
      [[], {}, /没有收到文件/],
    ];
    for (const [files, fields, message] of cases) {
      const result = await upload(world, world.actors.owner1, id, files, fields);
      expect(result).toMatchObject({ ok: false, code: 'malformed', message: expect.stringMatching(message) });
    }
    const notMultipart = await runOperation(
      uploadEvidenceOperation,
      world.actors.owner1,
      {
        evaluationId: id,
        request: { contentType: 'application/json', contentLength: 2, body: new Blob(['{}']).stream() },
      },
      world.db,
    );
    expect(notMultipart).toMatchObject({ ok: false, code: 'malformed' });
  });
});

describe('the order of writes', () => {
  it('re-decides in the transaction: a submission while the file streams in leaves an orphan file and no row', async () => {
    const id = await world.evaluationOf('执法检查事故调查处理经费');
    const pdf = pdfFile('提交时仍在上传');
    const boundary = 'raceBoundary';
    const text = (value: string) => new TextEncoder().encode(value);
    const chunks: Array<() => Promise<Uint8Array | null>> = [
      async () => text(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="慢.pdf"\r\n\r\n`),
      async () => {
        // The owner submits from another tab while this upload is still being received.
        expect((await world.run(saveDraftOperation, world.actors.owner1, await completeDraft(world, id))).ok).toBe(
          true,
        );
        const version = (await world.bundle(id)).evaluation.version;
        const submitted = await world.run(submitOperation, world.actors.owner1, {
          evaluationId: id,
          version,
          comment: '',
        });
        expect(submitted.ok).toBe(true);
        return pdf;
      },
      async () => text(`\r\n--${boundary}--\r\n`),
      async () => null,
    ];
    // Pulled only when read (no read-ahead): the submission happens after the upload's first checks passed.
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const chunk = await chunks.shift()!();
          if (chunk) controller.enqueue(chunk);
          else controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const before = (await rowsOfEvaluation(id)).length;
    const result = await runOperation(
      uploadEvidenceOperation,
      world.actors.owner1,
      {
        evaluationId: id,
        request: { contentType: `multipart/form-data; boundary=${boundary}`, contentLength: null, body },
      },
      world.db,
    );
    expect(result).toMatchObject({ ok: false, code: 'state', message: '当前状态为“已提交”，不能上传佐证材料' });
    expect(await rowsOfEvaluation(id)).toHaveLength(before);
    expect(await world.storage().exists(sha256(pdf))).toBe(true);
  });
});

describe('removing evidence', () => {
  it('deletes the row (audited with the name, size and sha256) and leaves the file to the sweep', async () => {
    const id = await world.evaluationOf('安全生产基础工作专项经费');
    const pdf = pdfFile('将被删除');
    const uploaded = await upload(world, world.actors.owner1, id, [{ name: '草稿.pdf', data: pdf }], {
      target: 'goal',
    });
    if (!uploaded.ok) throw new Error(uploaded.message);
    const [item] = uploaded.data.items;
    expect(await remove(world, world.actors.owner1, item.id)).toEqual({
      ok: true,
      data: null,
      message: '已删除“草稿.pdf”',
    });
    expect(await remove(world, world.actors.owner1, item.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect((await rowsOfEvaluation(id)).some((r) => r.id === item.id)).toBe(false);
    const [entry] = (await rowsOf(world.db, auditLog, eq(auditLog.entityId, item.id))).filter(
      (a) => a.action === 'detach',
    );
    expect(entry).toMatchObject({
      actorId: world.actors.owner1.id,
      entityType: 'attachment',
      field: '佐证材料 · 年度总体目标',
      oldValue: expect.stringContaining(`草稿.pdf（`),
      newValue: null,
    });
    expect(entry.oldValue).toContain(sha256(pdf));
    expect(await world.storage().exists(sha256(pdf))).toBe(true);
  });
});
