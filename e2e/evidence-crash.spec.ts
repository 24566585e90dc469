import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { closeDatabase, databaseFile, openDatabase, transaction } from '../db';
import { attachments, jobLeases } from '../db/schema';
import { pdfFile } from '../tests/evidence-files';
import { sha256, uploadAs } from './support/evidence';
import { expect, test } from './support/fixtures';
import { apiAs } from './support/http';
import { startTestServer } from './support/server';

/**
 * A crash between writing a file and committing its row: the server is made to kill itself right after the file
 * is durable (EVIDENCE_FAULT=after-put, test-only). What it leaves is an orphan file and no row; the sweep of the
 * next start (an hour later, as far as the sweep's turn is concerned), its grace period set to zero, removes the file.
 */
test('a crash after the file is written leaves no row without a file, and the sweep removes the orphan', async () => {
  test.setTimeout(120_000);
  const crashing = await startTestServer({ EVIDENCE_FAULT: 'after-put' });
  const { dataDir } = crashing;
  const restarted: Array<Awaited<ReturnType<typeof startTestServer>>> = [];
  try {
    const owner = await apiAs(crashing.url, 'owner1');
    const list = await (await owner.get('/api/years/2024/evaluations')).json();
    const id: number = list.items[0].id;
    const pdf = pdfFile('写入后崩溃');
    const file = path.join(dataDir, 'files', sha256(pdf).slice(0, 2), sha256(pdf).slice(2, 4), sha256(pdf));

    await expect(
      uploadAs(owner, id, [{ name: '崩溃.pdf', mimeType: 'application/pdf', buffer: pdf }]),
    ).rejects.toThrow();
    await crashing.exited;
    expect(existsSync(file)).toBe(true);
    const db = openDatabase(databaseFile(dataDir));
    try {
      expect(await db.select().from(attachments)).toEqual([]);
      // The crashed instance swept at its start and holds this hour's turn; an hour later the turn is free again.
      await transaction(db, (tx) => tx.update(jobLeases).set({ expiresAt: new Date(Date.now() - 1000) }));
    } finally {
      closeDatabase(db);
    }

    restarted.push(await startTestServer({ EVIDENCE_SWEEP_GRACE_MINUTES: '0' }, { dataDir }));
    await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(false);
    const again = await apiAs(restarted[0].url, 'owner1');
    expect((await (await again.get(`/api/evaluations/${id}/attachments`)).json()).items).toEqual([]);
  } finally {
    for (const server of restarted) await server.stop();
    await crashing.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
