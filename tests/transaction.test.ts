import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPostgres, transaction } from '@/db';
import { activeDialect } from '@/db/dialect';
import { claimVersion } from '@/db/queries/versions';
import { departments } from '@/db/schema';
import { rowsOf, tempDatabase, type TempDatabase } from './helpers';

let temp: TempDatabase;
beforeEach(async () => {
  temp = await tempDatabase();
});
afterEach(() => temp.cleanup());

const names = async () => (await rowsOf(temp.db, departments)).map((d) => d.name);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const onPostgres = activeDialect() === 'pg';
/** The message of an error and of its causes (drizzle wraps the driver's error). */
const messages = (error: unknown): string =>
  error instanceof Error ? `${error.message} ${messages(error.cause)}` : String(error ?? '');

describe(`transaction() on ${activeDialect()}`, () => {
  it('commits what its work wrote, and rolls all of it back when the work throws', async () => {
    await transaction(temp.db, (tx) => tx.insert(departments).values({ name: 'A' }));
    await expect(
      transaction(temp.db, async (tx) => {
        await tx.insert(departments).values({ name: 'B' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await names()).toEqual(['A']);
  });

  it('a dry run does the work and keeps none of it', async () => {
    const seen = await transaction(
      temp.db,
      async (tx) => {
        await tx.insert(departments).values({ name: 'C' });
        return (await rowsOf(tx, departments)).length;
      },
      { rollback: true },
    );
    expect(seen).toBe(1);
    expect(await names()).toEqual([]);
  });

  it.skipIf(onPostgres)(
    'two transactions never interleave: the second starts when the first has committed',
    async () => {
      const events: string[] = [];
      const first = transaction(temp.db, async (tx) => {
        events.push('first begins');
        await tx.insert(departments).values({ name: 'first' });
        await pause(30);
        events.push('first ends');
      });
      const second = transaction(temp.db, async (tx) => {
        events.push('second begins');
        events.push(`second sees ${(await rowsOf(tx, departments)).map((d) => d.name).join()}`);
      });
      await Promise.all([first, second]);
      expect(events).toEqual(['first begins', 'first ends', 'second begins', 'second sees first']);
    },
  );

  it('outside a transaction a read sees committed data only, and a write is refused', async () => {
    let during: string[] = [];
    await transaction(temp.db, async (tx) => {
      await tx.insert(departments).values({ name: 'pending' });
      during = await names();
    });
    expect(during).toEqual([]);
    expect(await names()).toEqual(['pending']);
    const refused = await temp.db
      .update(departments)
      .set({ name: 'x' })
      .where(eq(departments.name, 'pending'))
      .then(() => null, messages);
    expect(refused).toMatch(/readonly|read-only|query_only/i);
  });

  it('a transaction started inside another joins it instead of waiting for it', async () => {
    await transaction(temp.db, async (tx) => {
      await tx.insert(departments).values({ name: 'outer' });
      await transaction(tx, (inner) => inner.insert(departments).values({ name: 'inner via tx' }));
      await transaction(temp.db, (inner) => inner.insert(departments).values({ name: 'inner via db' }));
    });
    expect(await names()).toEqual(['outer', 'inner via tx', 'inner via db']);
  });

  it('of two transactions claiming the same version, exactly one wins', async () => {
    const [{ id }] = await transaction(temp.db, (tx) =>
      tx.insert(departments).values({ name: 'claimed' }).returning({ id: departments.id }),
    );
    const claim = () =>
      transaction(temp.db, async (tx) => {
        const won = await claimVersion(tx, { record: 'department', id, expected: 1 });
        await pause(20); // both are open at once on PostgreSQL: the loser waits on the row, then finds it moved on
        return won;
      });
    expect((await Promise.all([claim(), claim()])).sort()).toEqual([false, true]);
    expect(isPostgres(temp.db)).toBe(onPostgres);
  });

  it('a serializable check over rows it does not write holds when two run at once', async () => {
    await transaction(temp.db, (tx) => tx.insert(departments).values([{ name: 'a' }, { name: 'b' }]));
    // Each switches one off only while two are on: run together, read committed would switch off both.
    const switchOff = (name: string) =>
      transaction(
        temp.db,
        async (tx) => {
          const on = (await rowsOf(tx, departments, eq(departments.active, true))).length;
          await pause(20);
          if (on < 2) return false;
          await tx.update(departments).set({ active: false }).where(eq(departments.name, name));
          return true;
        },
        { serializable: true },
      );
    expect((await Promise.all([switchOff('a'), switchOff('b')])).sort()).toEqual([false, true]);
    expect((await rowsOf(temp.db, departments, eq(departments.active, true))).length).toBe(1);
  });
});
