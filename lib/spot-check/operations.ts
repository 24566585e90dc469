import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { transaction } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { insertSpotCheck, spotCheckPopulation } from '@/db/queries/spot-checks';
import { findYear } from '@/db/queries/years';
import { defineOperation, fail, ok } from '@/lib/operations';
import { SPOT_CHECK } from '@/lib/workflow/state-machine';
import { describeSpotCheck } from './export';
import { drawSample } from './sample';

export const spotCheckSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    mode: z.enum(['count', 'percent']),
    amount: z.number({ error: '请输入抽查数量' }).int('请输入整数').min(1, '至少抽查 1 项'),
    stratified: z.boolean().default(false),
    weighted: z.boolean().default(false),
    /** Empty: a new random seed, shown with the sample so that anyone can draw it again. */
    seed: z.string().trim().max(64, '随机种子最多 64 个字符').default(''),
  })
  .refine((v) => v.mode === 'count' || v.amount <= 100, { path: ['amount'], message: '比例不能超过 100%' });

/** Draws and stores a 抽查复核 sample of a year's approved or finalised evaluations, audited with its seed. */
export const drawSpotCheckOperation = defineOperation({
  name: 'drawSpotCheck',
  schema: spotCheckSchema,
  roles: SPOT_CHECK.roles,
  async run(input, { db, user }) {
    if (!(await findYear(db, { year: input.year }))) return fail('not_found', `没有${input.year}年度`);
    const population = await spotCheckPopulation(db, { year: input.year, statuses: SPOT_CHECK.statuses });
    if (population.length === 0) return fail('state', '该年度还没有部门已审核或已定稿的自评，无法抽查');
    const seed = input.seed || randomBytes(4).toString('hex').toUpperCase();
    const drawn = drawSample(population, { ...input, seed });
    const { year, mode, amount, stratified, weighted } = input;
    const spotCheckId = await transaction(db, async (tx) => {
      const id = await insertSpotCheck(tx, {
        check: { year, seed, mode, amount, stratified, weighted, population: population.length, createdById: user.id },
        evaluationIds: drawn,
      });
      await insertAuditEntries(tx, {
        actorId: user.id,
        action: 'spot_check',
        changes: [
          {
            entityType: 'spot_check',
            entityId: id,
            field: '抽查复核',
            oldValue: null,
            newValue: describeSpotCheck({ mode, amount, stratified, weighted, seed }),
          },
        ],
      });
      return id;
    });
    return ok(
      { spotCheckId, seed, drawn, population: population.length },
      `已从 ${population.length} 项中抽取 ${drawn.length} 项（随机种子 ${seed}）`,
    );
  },
});
