import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listIndicators } from '@/db/queries/projects';
import { auditLog, evaluationYears, indicators, projects, targetImports } from '@/db/schema';
import type { Operation } from '@/lib/operations';
import { updateProjectTargetsOperation } from '@/lib/targets/edit-targets';
import {
  confirmTargetImportOperation,
  previewTargetImportOperation,
  sourceDigest,
} from '@/lib/targets/import-operations';
import { targetFormRows } from '@/lib/targets/targets-form';
import { updateYearOperation, whatIfOperation } from '@/lib/years/operations';
import { rolloverOperation } from '@/lib/years/rollover';
import { PRESET_FORMS } from '@/lib/years/scheme-form';
import { atCurrentVersion, rowOf, SEED_FILE, snapshotOf } from './helpers';
import { CALLERS, sessionOf, testWorld } from './world';
import type { z } from 'zod';

/**
 * Target tables, years and schemes × every kind of caller: finance and admin may, nobody else; the
 * refusal code is asserted and the tables these operations write are compared before and after.
 */
const world = testWorld();

const SEED = readFileSync(SEED_FILE, 'utf8');
const snapshot = () => snapshotOf(world.db, [projects, indicators, evaluationYears, targetImports, auditLog]);
const source = { year: '2031', sourceName: 'x', format: 'text' as const, content: SEED, departmentId: '' as const };
const project = () => rowOf(world.db, projects, eq(projects.name, '三防专项经费'));

type AnyOperation = Operation<z.ZodType, unknown>;
const ROWS: Array<{ op: AnyOperation; input: () => unknown }> = [
  { op: previewTargetImportOperation as AnyOperation, input: () => source },
  { op: confirmTargetImportOperation as AnyOperation, input: () => ({ ...source, digest: sourceDigest(source) }) },
  {
    op: updateProjectTargetsOperation as AnyOperation,
    input: async () => {
      const { id } = await project();
      return atCurrentVersion(world.db, 'project', id, {
        projectId: id,
        goal: '改',
        indicators: targetFormRows(await listIndicators(world.db, { projectId: id })),
      });
    },
  },
  {
    op: updateYearOperation as AnyOperation,
    input: () =>
      atCurrentVersion(world.db, 'year', 2024, {
        year: 2024,
        status: 'closed',
        deadline: '',
        scheme: PRESET_FORMS.hubei,
      }),
  },
  { op: whatIfOperation as AnyOperation, input: () => ({ year: 2024, scheme: PRESET_FORMS.hubei }) },
  { op: rolloverOperation as AnyOperation, input: () => ({ fromYear: 2024 }) },
];

const REFUSED = CALLERS.filter((c) => c !== 'finance' && c !== 'admin');

describe('target, year and scheme operations × callers', () => {
  for (const row of ROWS) {
    describe(row.op.name, () => {
      for (const caller of REFUSED) {
        it(`is refused for ${caller}`, async () => {
          const before = await snapshot();
          const result = await world.run(row.op, sessionOf(world, caller), await row.input());
          expect(result).toMatchObject({ ok: false, code: caller === 'anonymous' ? 'unauthenticated' : 'forbidden' });
          expect(await snapshot()).toBe(before);
        });
      }
      it('is refused for finance with a temporary password', async () => {
        const result = await world.run(
          row.op,
          { ...world.actors.finance, mustChangePassword: true },
          await row.input(),
        );
        expect(result).toMatchObject({ ok: false, code: 'forbidden', message: '请先修改初始密码' });
      });
    });
  }

  it('each is allowed for finance and for admin', async () => {
    for (const row of ROWS.slice(0, 3))
      expect(await world.run(row.op, world.actors.finance, await row.input()), row.op.name).toMatchObject({ ok: true });
    expect(await world.run(whatIfOperation, world.actors.admin, await ROWS[4].input())).toMatchObject({ ok: true });
    expect(await world.run(rolloverOperation, world.actors.admin, { fromYear: 2024 })).toMatchObject({ ok: true });
    expect(await world.run(updateYearOperation, world.actors.finance, await ROWS[3].input())).toMatchObject({
      ok: true,
    });
  });
});
