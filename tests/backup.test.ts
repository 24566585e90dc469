import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq, getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { closeDatabase, databaseFile, integrityCheck, openDatabase, type Db } from '@/db';
import * as schema from '@/db/schema';
import { auditLog, evaluations } from '@/db/schema';
import { createBackup, DATABASE_PART, MANIFEST } from '@/lib/backup/archive';
import { restoreBackup } from '@/lib/backup/restore';
import { draftFormValues } from '@/lib/evaluations/form-values';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { fsStorageIn } from '@/lib/evidence/fs-storage';
import { zipStream, type ZipEntry } from '@/lib/exports/zip';
import { rowsOf } from './helpers';
import { testWorld } from './world';

const world = testWorld({ each: true });
const TABLES: SQLiteTable[] = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable =>
  is(value, SQLiteTable),
);

/** Every row of every table: equal means the same data. */
async function everything(db: Db) {
  const out: Record<string, unknown> = {};
  for (const table of TABLES) out[getTableName(table)] = await rowsOf(db, table);
  return JSON.stringify(out);
}

const scratch = (name: string) => path.join(world.dir, name);

/** Saves of owner1's evaluations one after another until `stop()`; the number made. */
function keepSaving() {
  let running = true;
  const saving = (async () => {
    let n = 0;
    while (running) {
      const evaluationId = (n % 3) + 1;
      const draft = draftFormValues(await world.bundle(evaluationId));
      const answer = await world.run(saveDraftOperation, world.actors.owner1, { ...draft, goalActual: `写入 ${n}` });
      if (!answer.ok) throw new Error(answer.message);
      n++;
      // A save is all microtasks here (no request to wait for): let the backup's steps run between them.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return n;
  })();
  return {
    stop: () => {
      running = false;
      return saving;
    },
  };
}

async function restored(file: string, target: string) {
  const outcome = await restoreBackup({ file, dataDir: target });
  expect(outcome, outcome.ok ? '' : outcome.message).toMatchObject({ ok: true });
  return openDatabase(databaseFile(target));
}

/** A copy of an archive with one part's bytes replaced, its manifest untouched. */
async function withPartReplaced(file: string, part: string, replace: (bytes: Buffer) => Buffer, out: string) {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const entries: ZipEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', async (entry: yauzl.Entry) => {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      entries.push({ path: entry.fileName, data: entry.fileName === part ? replace(bytes) : bytes });
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  zip.close();
  await pipeline(zipStream(entries), createWriteStream(out));
}

describe('npm run backup / restore', () => {
  it('backs up while writes run: the snapshot is one consistent moment, and a quiet backup restores identical data', async () => {
    const storage = fsStorageIn(world.dir);
    const evidence = await storage.put(Buffer.from('佐证材料：会议纪要'));
    if (!evidence.ok) throw new Error('evidence not stored');
    const evidencePart = path.relative(world.dir, storage.pathOf(evidence.sha256));
    const writes = keepSaving();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const during = await createBackup(world.db, { dataDir: world.dir, out: scratch('during.zip') });
    const saves = await writes.stop();
    expect(saves).toBeGreaterThan(3);
    expect(during.parts.map((p) => p.path)).toEqual([DATABASE_PART, evidencePart]);

    const copy = await restored(during.file, scratch('restored-during'));
    expect(integrityCheck(copy)).toBe('ok');
    // Each save moved the version and wrote its audit entry in one transaction: in a consistent
    // snapshot the two always match, whatever moment it caught.
    for (const evaluationId of [1, 2, 3]) {
      const [{ version }] = await copy.select().from(evaluations).where(eq(evaluations.id, evaluationId));
      const updates = await copy.$count(
        auditLog,
        and(eq(auditLog.evaluationId, evaluationId), eq(auditLog.field, '年度总体目标实际完成情况')),
      );
      expect(version - 1).toBe(updates);
    }
    closeDatabase(copy);

    const quiet = await createBackup(world.db, { dataDir: world.dir, out: scratch('quiet.zip') });
    const target = scratch('restored-quiet');
    const again = await restored(quiet.file, target);
    expect(await everything(again)).toBe(await everything(world.db));
    closeDatabase(again);
    expect(readFileSync(path.join(target, evidencePart), 'utf8')).toBe('佐证材料：会议纪要');
  });

  it('refuses a non-empty target and leaves it alone', async () => {
    const backup = await createBackup(world.db, { dataDir: world.dir, out: scratch('b.zip') });
    const target = scratch('occupied');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep.txt'), 'mine');
    const outcome = await restoreBackup({ file: backup.file, dataDir: target });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('不是空的') });
    expect(readdirSync(target)).toEqual(['keep.txt']);
  });

  it('refuses a tampered archive: a changed database, a changed manifest, a damaged file, an extra file', async () => {
    const backup = await createBackup(world.db, { dataDir: world.dir, out: scratch('b.zip') });
    const flip = (bytes: Buffer) => {
      const copy = Buffer.from(bytes);
      copy[copy.length - 100] ^= 0xff;
      return copy;
    };
    const cases: Array<[string, string, RegExp]> = [];
    await withPartReplaced(backup.file, DATABASE_PART, flip, scratch('db-changed.zip'));
    cases.push(['db-changed.zip', 'database', /校验值与清单不符/]);
    await withPartReplaced(
      backup.file,
      MANIFEST,
      (bytes) => Buffer.from(bytes.toString().replace(/"bytes": \d+/, '"bytes": 1')),
      scratch('manifest-changed.zip'),
    );
    cases.push(['manifest-changed.zip', 'manifest', /校验值与清单不符/]);
    const damaged = readFileSync(backup.file);
    damaged[Math.floor(damaged.length / 2)] ^= 0xff;
    writeFileSync(scratch('damaged.zip'), damaged);
    cases.push(['damaged.zip', 'damaged', /损坏|不符/]);
    await pipeline(
      zipStream([
        { path: MANIFEST, data: readManifest(backup.parts) },
        { path: DATABASE_PART, data: readFileSync(databaseFile(world.dir)) },
        { path: 'evil.sh', data: Buffer.from('rm -rf /') },
      ]),
      createWriteStream(scratch('extra.zip')),
    );
    cases.push(['extra.zip', 'extra', /清单之外/]);

    for (const [file, label, message] of cases) {
      const target = scratch(`target-${label}`);
      const outcome = await restoreBackup({ file: scratch(file), dataDir: target });
      expect(outcome.ok, label).toBe(false);
      expect(outcome.ok ? '' : outcome.message, label).toMatch(message);
      expect(existsSync(databaseFile(target)), label).toBe(false);
    }
  });
});

function readManifest(parts: Array<{ path: string; bytes: number; sha256: string }>) {
  return Buffer.from(JSON.stringify({ format: 'jixiao-backup', version: 1, createdAt: '', parts }));
}
