import { describe, expect, it } from 'vitest';
import { sweepTurn } from '@/lib/evidence/sweep-job';
import { pdfFile } from './evidence-fixtures';
import { evidenceWorld, upload } from './evidence-world';

const world = evidenceWorld();
const HOUR = 3_600_000;

async function orphan(text: string): Promise<string> {
  const stored = await world.storage().put(Buffer.from(text));
  if (!stored.ok) throw new Error(stored.reason);
  return stored.sha256;
}

describe('the evidence sweep job', () => {
  it('sweeps from one instance at a time, keeping the files the database refers to', async () => {
    const id = await world.evaluationOf('应急专项经费');
    const uploaded = await upload(world, world.actors.owner1, id, [{ name: '台账.pdf', data: pdfFile('台账') }]);
    if (!uploaded.ok) throw new Error(uploaded.message);
    const [attached] = uploaded.data.items;
    const first = await orphan('no row points to me');
    // Past the grace period of every file just written: what decides is the lease and the attachment rows.
    const now = new Date(Date.now() + 2 * HOUR);
    const turn = (holder: string, at = now) => sweepTurn({ db: world.db, storage: world.storage(), holder, now: at });

    expect(await turn('a')).toEqual({ removed: [{ sha256: first, size: 19 }], keptYoung: 0, incompleteRemoved: 0 });
    expect(await world.storage().exists(attached.sha256)).toBe(true);
    expect(await world.storage().exists(first)).toBe(false);

    // While a holds the lease, b's turn does nothing; a's next turn sweeps again.
    const second = await orphan('nor to me');
    expect(await turn('b')).toBeNull();
    expect(await world.storage().exists(second)).toBe(true);
    expect((await turn('a'))?.removed).toEqual([{ sha256: second, size: 9 }]);

    // Once a's lease has run out (a stopped), b takes it over.
    const third = await orphan('a third one');
    expect(await turn('b', new Date(now.getTime() + HOUR / 2))).toBeNull();
    expect((await turn('b', new Date(now.getTime() + HOUR)))?.removed).toEqual([{ sha256: third, size: 11 }]);
    expect(await world.storage().exists(attached.sha256)).toBe(true);
  });
});
