import 'server-only';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { closeDatabase, databaseFile, integrityCheck, openDatabase } from '@/db';
import { makePrivateDir, restrictDataDir } from '@/db/private-files';
import { BACKUP_FORMAT, DATABASE_PART, hashing, MANIFEST, type BackupManifest, type BackupPart } from './archive';

/**
 * Restores a backup archive into an empty data folder: every part is checked against the manifest
 * (size and sha256), the database against SQLite's integrity check, and only then moved into place.
 * A refusal leaves the target as it was.
 */
export type RestoreOutcome = { ok: true; parts: number; ms: number } | { ok: false; message: string };

/** What an archive may hold: the database, evidence files by their content names, the manifest. */
const PART_NAME = /^(database\/jixiao\.sqlite|files\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64})$/;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

class Refusal extends Error {}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

async function readText(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  if (entry.uncompressedSize > MAX_MANIFEST_BYTES) throw new Refusal('备份清单过大，不是本系统生成的备份');
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseManifest(text: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new Refusal('备份清单无法读取，备份文件已损坏');
  }
  const wellFormed =
    manifest?.format === BACKUP_FORMAT &&
    Array.isArray(manifest.parts) &&
    manifest.parts.every(
      (p: BackupPart) =>
        typeof p?.path === 'string' && Number.isSafeInteger(p.bytes) && /^[0-9a-f]{64}$/.test(String(p.sha256)),
    );
  if (!wellFormed) throw new Refusal('备份清单格式不正确，不是本系统生成的备份');
  return manifest;
}

/** Every entry is a listed part and every listed part is there, each once. */
function checkContents(entries: yauzl.Entry[], manifest: BackupManifest): Map<string, BackupPart> {
  const listed = new Map(manifest.parts.map((p) => [p.path, p]));
  if (listed.size !== manifest.parts.length) throw new Refusal('备份清单中有重复的部分，备份文件已被改动');
  const names = entries.map((e) => e.fileName).filter((name) => name !== MANIFEST);
  const unexpected = names.find((name) => !PART_NAME.test(name) || !listed.has(name));
  if (unexpected) throw new Refusal(`备份中有清单之外的文件“${unexpected}”，备份文件已被改动`);
  const missing = [...listed.keys()].find((name) => !names.includes(name));
  if (missing) throw new Refusal(`备份中缺少清单所列的“${missing}”，备份文件不完整`);
  if (!listed.has(DATABASE_PART)) throw new Refusal('备份中没有数据库');
  return listed;
}

async function isEmptyFolder(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return true;
  return (await readdir(dir)).length === 0;
}

export async function restoreBackup({ file, dataDir }: { file: string; dataDir: string }): Promise<RestoreOutcome> {
  const started = Date.now();
  if (!(await isEmptyFolder(dataDir)))
    return { ok: false, message: `目标数据目录 ${dataDir} 不是空的：恢复只写入空目录，以免覆盖现有数据` };
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: true });
  } catch (error) {
    return { ok: false, message: `无法读取备份文件 ${file}：${(error as Error).message}` };
  }
  restrictDataDir(dataDir);
  const staging = await mkdtemp(path.join(dataDir, '.restore-'));
  try {
    const entries = await readEntries(zip);
    const manifestEntry = entries.find((e) => e.fileName === MANIFEST);
    if (!manifestEntry) throw new Refusal('备份中没有清单（manifest.json），不是本系统生成的备份');
    const listed = checkContents(entries, parseManifest(await readText(zip, manifestEntry)));

    for (const entry of entries) {
      if (entry.fileName === MANIFEST) continue;
      const part = listed.get(entry.fileName)!;
      const target = path.join(staging, ...entry.fileName.split('/'));
      makePrivateDir(path.dirname(target));
      const content = hashing(await zip.openReadStreamPromise(entry));
      await pipeline(content.stream, createWriteStream(target, { mode: 0o600 }));
      const written = await content.done;
      if (written.bytes !== part.bytes || written.sha256 !== part.sha256)
        throw new Refusal(`“${entry.fileName}”的校验值与清单不符：备份文件已损坏或被改动，未恢复任何内容`);
    }

    const restored = path.join(staging, ...DATABASE_PART.split('/'));
    const db = openDatabase(restored);
    const integrity = integrityCheck(db);
    closeDatabase(db);
    if (integrity !== 'ok') throw new Refusal(`数据库完整性检查未通过：${integrity.split('\n')[0]}`);

    await rename(restored, databaseFile(dataDir));
    if (existsSync(path.join(staging, 'files'))) {
      await mkdir(dataDir, { recursive: true });
      await rename(path.join(staging, 'files'), path.join(dataDir, 'files'));
    }
    return { ok: true, parts: listed.size, ms: Date.now() - started };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message };
    return { ok: false, message: `备份文件已损坏，无法恢复：${(error as Error).message}` };
  } finally {
    zip.close();
    await rm(staging, { recursive: true, force: true });
  }
}
