import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, evaluationYears, indicators, projects, targetImports } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';
import type { Operation } from '@/lib/operations';
import { updateProjectTargetsOperation } from '@/lib/targets/edit-targets';
import {
  confirmTargetImportOperation,
  previewTargetImportOperation,
  sourceDigest,
} from '@/lib/targets/import-operations';
import { updateYearOperation, whatIfOperation } from '@/lib/years/operations';
import { rolloverOperation } from '@/lib/years/rollover';
import { PRESET_FORMS } from '@/lib/years/scheme-form';
import { SEED_FILE } from './helpers';
import { createWorld, type World } from './world';
import type { z } from 'zod';

/**
 * Target tables, years and schemes × every kind of caller: finance and admin may, nobody else; the
 * refusal code is asserted and the tables these operations write are compared before and after.
 */
let world: World;
beforeAll(() => {
  world = createWorld();
});
afterAll(() => world.cleanup());

const SEED = readFileSync(SEED_FILE, 'utf8');
const snapshot = () =>
  JSON.stringify(
    [projects, indicators, evaluationYears, targetImports, auditLog].map((t) => world.db.select().from(t).all()),
  );
const source = { year: '2031', sourceName: 'x', format: 'text' as const, content: SEED, departmentId: '' as const };
const project = () => world.db.select().from(projects).where(eq(projects.name, '三防专项经费')).get()!;

type AnyOperation = Operation<z.ZodType, unknown>;
const ROWS: Array<{ op: AnyOperation; input: () => unknown }> = [
  { op: previewTargetImportOperation as AnyOperation, input: () => source },
  { op: confirmTargetImportOperation as AnyOperation, input: () => ({ ...source, digest: sourceDigest(source) }) },
  {
    op: updateProjectTargetsOperation as AnyOperation,
    input: () => ({
      projectId: project().id,
      goal: '改',
      indicators: world.db
        .select()
        .from(indicators)
        .where(eq(indicators.projectId, project().id))
        .all()
        .map((i) => ({
          level1Code: i.level1Code,
          level2Code: i.level2Code,
          level2Name: i.level2Name,
          name: i.name,
          periodTargetText: '',
          annualTargetText: i.annualTargetText,
          points: '',
        })),
    }),
  },
  {
    op: updateYearOperation as AnyOperation,
    input: () => ({ year: 2024, status: 'closed', deadline: '', scheme: PRESET_FORMS.hubei }),
  },
  { op: whatIfOperation as AnyOperation, input: () => ({ year: 2024, scheme: PRESET_FORMS.hubei }) },
  { op: rolloverOperation as AnyOperation, input: () => ({ fromYear: 2024 }) },
];

const REFUSED: Array<keyof World['actors'] | 'anonymous'> = [
  'anonymous',
  'owner1',
  'owner2',
  'otherowner',
  'head',
  'otherhead',
];

describe('target, year and scheme operations × callers', () => {
  for (const row of ROWS) {
    describe(row.op.name, () => {
      for (const caller of REFUSED) {
        it(`is refused for ${caller}`, async () => {
          const before = snapshot();
          const user: SessionUser | null = caller === 'anonymous' ? null : world.actors[caller];
          const result = await world.run(row.op, user, row.input());
          expect(result).toMatchObject({ ok: false, code: caller === 'anonymous' ? 'unauthenticated' : 'forbidden' });
          expect(snapshot()).toBe(before);
        });
      }
      it('is refused for finance with a temporary password', async () => {
        const result = await world.run(row.op, { ...world.actors.finance, mustChangePassword: true }, row.input());
        expect(result).toMatchObject({ ok: false, code: 'forbidden', message: '请先修改初始密码' });
      });
    });
  }

  it('each is allowed for finance and for admin', async () => {
    for (const row of ROWS.slice(0, 3))
      expect(await world.run(row.op, world.actors.finance, row.input()), row.op.name).toMatchObject({ ok: true });
    expect(await world.run(whatIfOperation, world.actors.admin, ROWS[4].input())).toMatchObject({ ok: true });
    expect(await world.run(rolloverOperation, world.actors.admin, { fromYear: 2024 })).toMatchObject({ ok: true });
    expect(await world.run(updateYearOperation, world.actors.finance, ROWS[3].input())).toMatchObject({ ok: true });
  });
});
