import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '@/db/schema';
import { checkCaller } from '@/lib/auth/gate';
import type { SessionUser } from '@/lib/auth/scope';
import { returnOperation } from '@/lib/evaluations/transitions';
import { loadAttachmentInScope } from '@/lib/evidence/authorize';
import { pdfFile } from './evidence-fixtures';
import { evidenceWorld, remove, upload } from './evidence-world';
import { rowsOf } from './helpers';
import { bringTo, type Caller, CALLERS, sessionOf, type Stage } from './world';

/**
 * Evidence × every kind of caller × the states that matter: who may add, remove and read the files of an
 * evaluation, each refusal's code asserted and the evaluation's evidence left as it was; then the allowed caller.
 */
const world = evidenceWorld();

const TEMPORARY = 'owner1 with a temporary password';
type Who = Caller | typeof TEMPORARY;
const EVERYONE: Who[] = [...CALLERS, TEMPORARY];
const userOf = (who: Who): SessionUser | null =>
  who === TEMPORARY ? { ...world.actors.owner1, mustChangePassword: true } : sessionOf(world, who);

type Code = 'unauthenticated' | 'forbidden' | 'state';
/** What every caller but the allowed one gets, unless the row says otherwise. */
const REFUSED: Record<Who, Code> = {
  anonymous: 'unauthenticated',
  owner1: 'state',
  owner2: 'forbidden',
  otherowner: 'forbidden',
  head: 'forbidden',
  otherhead: 'forbidden',
  finance: 'state',
  admin: 'forbidden',
  [TEMPORARY]: 'forbidden',
};

interface Row {
  name: string;
  project: string;
  /** 已退回: submitted, then returned by the head. */
  stage: Stage | 'returned';
  /** The evidence present before the row's calls: the owner's (uploaded at draft) and/or finance's. */
  present: Array<'owner' | 'review'>;
  kind: 'add' | 'remove';
  /** Which attachment a removal names. */
  removes?: 'owner' | 'review';
  allowed: Who | null;
  refused?: Partial<Record<Who, Code>>;
}

const ROWS: Row[] = [
  {
    name: 'add at 草稿',
    project: '队伍装备基础设施建设专项经费',
    stage: 'draft',
    present: [],
    kind: 'add',
    allowed: 'owner1',
  },
  {
    name: 'add at 已退回',
    project: '智慧白云信息化建设项目经费（智慧三防应急指挥系统建设项目经费）',
    stage: 'returned',
    present: [],
    kind: 'add',
    allowed: 'owner1',
  },
  {
    name: "remove the owner's at 已退回",
    project: '智慧白云信息化建设项目经费（智慧三防视频监控与内涝监测项目经费）',
    stage: 'returned',
    present: ['owner'],
    kind: 'remove',
    removes: 'owner',
    allowed: 'owner1',
    refused: { finance: 'forbidden' },
  },
  {
    name: 'add at 已提交',
    project: '综合减灾和物资保障（预案管理）年度专项经费',
    stage: 'submitted',
    present: [],
    kind: 'add',
    allowed: null,
  },
  {
    name: 'add review evidence at 部门已审核',
    project: '安全生产基础工作专项经费',
    stage: 'dept_approved',
    present: [],
    kind: 'add',
    allowed: 'finance',
  },
  {
    name: 'add at 已定稿',
    project: '法律顾问与审批服务经费',
    stage: 'finalized',
    present: ['owner', 'review'],
    kind: 'add',
    allowed: null,
  },
  {
    name: "remove the owner's at 草稿",
    project: '执法检查事故调查处理经费',
    stage: 'draft',
    present: ['owner'],
    kind: 'remove',
    removes: 'owner',
    allowed: 'owner1',
    refused: { finance: 'forbidden' },
  },
  {
    name: "remove the owner's at 部门已审核",
    project: '三防专项经费',
    stage: 'dept_approved',
    present: ['owner', 'review'],
    kind: 'remove',
    removes: 'owner',
    allowed: null,
    refused: { finance: 'forbidden' },
  },
  {
    name: "remove finance's at 部门已审核",
    project: '三防专项经费',
    stage: 'dept_approved',
    present: [],
    kind: 'remove',
    removes: 'review',
    allowed: 'finance',
    refused: { owner1: 'forbidden' },
  },
  {
    name: 'remove at 已定稿',
    project: '法律顾问与审批服务经费',
    stage: 'finalized',
    present: [],
    kind: 'remove',
    removes: 'review',
    allowed: null,
    refused: { owner1: 'forbidden' },
  },
];

/** Brings the row's evaluation to its stage with its evidence: the owner's added in the draft, finance's in review. */
async function arrange(row: Row): Promise<{ id: number; owner?: number; review?: number }> {
  const id = await world.evaluationOf(row.project);
  const added = async (user: SessionUser, name: string) => {
    const result = await upload(world, user, id, [{ name, data: pdfFile(`${row.name} ${name}`) }], { target: 'goal' });
    if (!result.ok) throw new Error(result.message);
  };
  // Rows sharing a project find it arranged by the row before them.
  if ((await world.bundle(id)).evaluation.status === 'draft') {
    if (row.present.includes('owner')) await added(world.actors.owner1, '台账.pdf');
    await bringTo(
      world,
      id,
      row.stage === 'finalized' ? 'dept_approved' : row.stage === 'returned' ? 'submitted' : row.stage,
    );
    if (row.stage === 'returned') {
      const version = (await world.bundle(id)).evaluation.version;
      const result = await world.run(returnOperation, world.actors.head, {
        evaluationId: id,
        version,
        comment: '请补充',
      });
      if (!result.ok) throw new Error(result.message);
    }
    if (row.present.includes('review')) await added(world.actors.finance, '复核记录.pdf');
    if (row.stage === 'finalized') await bringTo(world, id, 'finalized', { from: 'dept_approved' });
  }
  const existing = await rowsOf(world.db, attachments, eq(attachments.evaluationId, id));
  return {
    id,
    owner: existing.find((a) => a.purpose === 'owner')?.id,
    review: existing.find((a) => a.purpose === 'review')?.id,
  };
}

describe('evidence permission matrix', () => {
  for (const row of ROWS) {
    describe(row.name, () => {
      let target: Awaited<ReturnType<typeof arrange>>;
      const call = (who: Who) =>
        row.kind === 'add'
          ? upload(world, userOf(who), target.id, [{ name: '新增.pdf', data: pdfFile(`${row.name} ${who}`) }])
          : remove(world, userOf(who), target[row.removes!]!);
      const evidence = () => rowsOf(world.db, attachments, eq(attachments.evaluationId, target.id));
      beforeAll(async () => {
        target = await arrange(row);
      });

      for (const who of EVERYONE.filter((w) => w !== row.allowed)) {
        it(`is refused for ${who}`, async () => {
          const before = await evidence();
          const result = await call(who);
          expect(result).toMatchObject({ ok: false, code: row.refused?.[who] ?? REFUSED[who] });
          expect(await evidence()).toEqual(before);
        });
      }

      if (row.allowed) {
        it(`is allowed for ${row.allowed}`, async () => {
          const count = (await evidence()).length;
          expect(await call(row.allowed!)).toMatchObject({ ok: true });
          expect(await evidence()).toHaveLength(count + (row.kind === 'add' ? 1 : -1));
        });
      }
    });
  }
});

describe('reading evidence', () => {
  const READS: Record<Who, 'ok' | Code | 'not_found'> = {
    anonymous: 'unauthenticated',
    owner1: 'ok',
    owner2: 'forbidden',
    otherowner: 'forbidden',
    head: 'ok',
    otherhead: 'forbidden',
    finance: 'ok',
    // The evaluation's own scope: the administrator reads every evaluation (and changes none).
    admin: 'ok',
    [TEMPORARY]: 'forbidden',
  };
  let attachmentId: number;
  beforeAll(async () => {
    const id = await world.evaluationOf('应急专项经费');
    const result = await upload(world, world.actors.owner1, id, [{ name: '可读.pdf', data: pdfFile('可读') }]);
    if (!result.ok) throw new Error(result.message);
    attachmentId = result.data.items[0].id;
  });

  // The download and list routes: the caller's session checked (checkCaller), then the attachment's scope.
  const read = async (who: Who, id: number) => {
    const caller = checkCaller(userOf(who));
    if (!caller.ok) return caller.code;
    const found = await loadAttachmentInScope(world.db, caller.user, id);
    return found.ok ? 'ok' : found.code;
  };
  for (const who of EVERYONE) {
    it(`answers ${READS[who]} to ${who}, and not_found for an id that does not exist`, async () => {
      expect(await read(who, attachmentId)).toBe(READS[who]);
      if (READS[who] !== 'unauthenticated' && who !== TEMPORARY)
        expect(await read(who, attachmentId + 999)).toBe('not_found');
    });
  }
});
