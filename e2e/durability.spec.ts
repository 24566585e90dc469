import { eq } from 'drizzle-orm';
import { closeDatabase, databaseFile, integrityCheck, openDatabase, type Db } from '../db';
import { listEvaluationAudit } from '../db/queries/audit';
import { loadEvaluationBundle } from '../db/queries/evaluations';
import { evaluations, projects, users } from '../db/schema';
import { draftFormValues } from '../lib/evaluations/form-values';
import { expect, test } from './support/fixtures';
import { apiAs, callAction } from './support/http';
import { startTestServer } from './support/server';

const GOAL_FIELD = '年度总体目标实际完成情况';
const EVALUATIONS_PER_OWNER = 4;
/** The kill comes once every evaluation has this many acknowledged saves (however loaded the machine)… */
const SAVES_BEFORE_KILL = 3;
/** …or after this long at most. */
const STORM_MAX_MS = 30_000;

interface Acknowledged {
  evaluationId: number;
  goal: string;
  version: number;
}

async function ownedEvaluations(db: Db, username: string) {
  const rows = await db
    .select({ id: evaluations.id })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .innerJoin(users, eq(users.id, projects.ownerId))
    .where(eq(users.username, username))
    .orderBy(evaluations.id)
    .limit(EVALUATIONS_PER_OWNER);
  return rows.map((r) => r.id);
}

test('kill -9 in a storm of saves: the restarted server has an intact database with every acknowledged save', async () => {
  test.setTimeout(120_000);
  const first = await startTestServer();
  let db = openDatabase(databaseFile(first.dataDir));
  const plans: Array<{ username: string; draft: ReturnType<typeof draftFormValues> }> = [];
  for (const username of ['owner1', 'owner2'])
    for (const evaluationId of await ownedEvaluations(db, username))
      plans.push({ username, draft: draftFormValues((await loadEvaluationBundle(db, { evaluationId }))!) });
  closeDatabase(db);

  const acknowledged: Acknowledged[] = [];
  const attempted = new Map<number, string[]>();
  const clients = new Map<string, Awaited<ReturnType<typeof apiAs>>>();
  for (const username of ['owner1', 'owner2']) clients.set(username, await apiAs(first.url, username));

  let killed = false;
  // Each client saves its own evaluation again and again, from the version its last save returned.
  const storm = plans.map(async ({ username, draft }) => {
    let version = draft.version;
    for (let n = 1; !killed; n++) {
      const goal = `第 ${n} 次保存（评价 ${draft.evaluationId}）`;
      attempted.set(draft.evaluationId, [...(attempted.get(draft.evaluationId) ?? []), goal]);
      const answer = await callAction(clients.get(username)!, `/evaluations/${draft.evaluationId}`, 'saveDraftAction', {
        ...draft,
        version,
        goalActual: goal,
      }).catch(() => null);
      if (!answer) return; // the server is gone: this save was never acknowledged
      expect(answer.ok, answer.message).toBe(true);
      version = answer.data!.version as number;
      acknowledged.push({ evaluationId: draft.evaluationId, goal, version });
    }
  });
  const deadline = Date.now() + STORM_MAX_MS;
  const enough = () =>
    plans.every(
      ({ draft }) => acknowledged.filter((a) => a.evaluationId === draft.evaluationId).length >= SAVES_BEFORE_KILL,
    );
  while (!enough() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  // Mid-storm: every client has a save in flight at this moment.
  await first.kill();
  killed = true;
  await Promise.all(storm);
  for (const client of clients.values()) await client.dispose();
  expect(enough(), 'every evaluation had acknowledged saves before the kill').toBe(true);
  test
    .info()
    .annotations.push({ type: 'acknowledged saves before the kill', description: String(acknowledged.length) });

  const second = await startTestServer({}, { dataDir: first.dataDir });
  try {
    db = openDatabase(databaseFile(second.dataDir));
    expect(integrityCheck(db)).toBe('ok');
    for (const { draft } of plans) {
      const mine = acknowledged.filter((a) => a.evaluationId === draft.evaluationId);
      const stored = (await loadEvaluationBundle(db, { evaluationId: draft.evaluationId }))!.evaluation;
      const everything = { page: 1, pageSize: 100_000, sort: 'time', direction: 'asc', q: '', filters: {} } as const;
      const history = (await listEvaluationAudit(db, { evaluationId: draft.evaluationId, query: everything })).items
        .filter((entry) => entry.field === GOAL_FIELD)
        .map((entry) => entry.newValue);
      // Every acknowledged save is in the record with its value…
      for (const save of mine) expect(history).toContain(save.goal);
      // …and what is stored is the last acknowledged save, or the one in flight when the server died.
      const last = mine.at(-1)!;
      const tried = attempted.get(draft.evaluationId)!;
      const inFlight = tried[tried.indexOf(last.goal) + 1];
      expect([last.goal, inFlight]).toContain(stored.goalActual);
      expect(stored.version).toBe(stored.goalActual === last.goal ? last.version : last.version + 1);
    }
    closeDatabase(db);

    // The restarted app serves it.
    const owner = await apiAs(second.url, plans[0].username);
    const detail = await (await owner.get(`/api/evaluations/${plans[0].draft.evaluationId}`)).json();
    expect(detail.goalActual).toMatch(/^第 \d+ 次保存/);
    await owner.dispose();
  } finally {
    await second.stop();
  }
});
