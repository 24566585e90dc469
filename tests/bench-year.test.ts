import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  departmentFigures,
  evaluationFlags,
  evaluations,
  evaluationSnapshots,
  indicatorResults,
  indicators,
  notifications,
  projects,
  reviewActions,
  users,
} from '@/db/schema';
import { buildBenchYear } from '@/scripts/bench-year';
import { buildSyntheticYear } from '@/scripts/synthetic-year';
import { rowsOf, tempDatabase, type TempDatabase } from './helpers';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * The benchmark's bulk builder against the reference: the same 60 projects built once through the
 * real operations (save, submit, return, approve, review, finalise, one by one) and once in bulk must
 * leave the same rows in every table the operations write, but for the moments they were written.
 */
const YEAR = 2031;
const PROJECTS = 60;

/**
 * Timestamps differ between two runs, and so do password hashes (salted) and the surrogate ids of rows
 * an upsert or a replace wrote (SQLite spends an id on each attempt); everything else must not,
 * references to other rows included.
 */
function withoutMoments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMoments);
  if (value instanceof Date) return 'moment';
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        key === 'id' || key === 'passwordHash' ? key : /At$/.test(key) && v !== null ? 'moment' : withoutMoments(v),
      ]),
    );
  return value;
}

let real: TempDatabase;
let bulk: TempDatabase;
let counts: { real: unknown; bulk: unknown };

beforeAll(async () => {
  [real, bulk] = await Promise.all([tempDatabase(), tempDatabase()]);
  counts = {
    real: await buildSyntheticYear(real.db, { year: YEAR, projectCount: PROJECTS }),
    bulk: await buildBenchYear(bulk.db, { year: YEAR, projectCount: PROJECTS }),
  };
}, 120_000);

afterAll(async () => {
  await real.cleanup();
  await bulk.cleanup();
});

describe('the bench year built in bulk', () => {
  it('has every end state, in the same numbers as the operations give', () => {
    expect(counts.bulk).toEqual(counts.real);
    expect(Object.keys((counts.bulk as { statuses: object }).statuses).sort()).toEqual(
      ['dept_approved', 'draft', 'finalized', 'returned', 'submitted', 'untouched'].sort(),
    );
  });

  const tables: Array<[string, SQLiteTable]> = [
    ['users', users],
    ['projects', projects],
    ['indicators', indicators],
    ['evaluations', evaluations],
    ['indicator_results', indicatorResults],
    ['evaluation_flags', evaluationFlags],
    ['department_figures', departmentFigures],
    ['review_actions', reviewActions],
    ['audit_log', auditLog],
    ['evaluation_snapshots', evaluationSnapshots],
    ['notifications', notifications],
  ];
  it.each(tables)('stores %s exactly as the real operations do', async (_name, table) => {
    const [mine, theirs] = await Promise.all([rowsOf(bulk.db, table), rowsOf(real.db, table)]);
    expect(mine.length).toBeGreaterThan(0);
    // As sets of rows: the flags, rewritten at every commit, end in another order of their ids.
    const rows = (list: unknown[]) => list.map((row) => JSON.stringify(withoutMoments(row))).sort();
    expect(rows(mine)).toEqual(rows(theirs));
  });
});
