import { eq } from 'drizzle-orm';
import { closeDatabase, databaseFile, integrityCheck, openDatabase, type Db } from '../db';
import { listEvaluationAudit } from '../db/queries/audit';
import { loadEvaluationBundle } from '../db/queries/evaluations';
import { evaluations, projects, users } from '../db/schema';
import { expect, test } from './support/fixtures';
import { apiAs } from './support/http';
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
  const plans: Array<{ username: string; evaluationId: number; version: number }> = [];
  for (const username of ['owner1', 'owner2'])
    for (const evaluationId of await ownedEvaluations(db, username))
      plans.push({
        username,
        evaluationId,
        version: (await loadEvaluationBundle(db, { evaluationId }))!.evaluation.version,
      });
  closeDatabase(db);

  const acknowledged: Acknowledged[] = [];
  const attempted = new Map<number, string[]>();
  const clients = new Map<string, Awaited<ReturnType<typeof apiAs>>>();
  for (const username of ['owner1', 'owner2']) clients.set(username, await apiAs(first.url, username));

  let killed = false;
  // Each client saves its own evaluation again and again through the write API (docs/api.md), from the
  // version its last save returned. Acknowledged means answered 200 with the new version.
  const storm = plans.map(async ({ username, evaluationId, version: start }) => {
    let version = start;
    for (let n = 1; !killed; n++) {
      const goal = `第 ${n} 次保存（评价 ${evaluationId}）`;
      attempted.set(evaluationId, [...(attempted.get(evaluationId) ?? []), goal]);
      const res = await clients
        .get(username)!
        .put(`/api/evaluations/${evaluationId}`, { data: { version, goalActual: goal } })
        .catch(() => null);
      // The server is gone (before the answer, or while it was being read): this save was never acknowledged.
      const answer = res && ((await res.json().catch(() => null)) as { version?: number } | null);
      if (!res || !answer) return;
      expect(res.status(), JSON.stringify(answer)).toBe(200);
      expect(answer.version).toBe(version + 1);
      version = answer.version!;
      acknowledged.push({ evaluationId, goal, version });
    }
  });
  const deadline = Date.now() + STORM_MAX_MS;
  const enough = () =>
    plans.every(
      ({ evaluationId }) => acknowledged.filter((a) => a.evaluationId === evaluationId).length >= SAVES_BEFORE_KILL,
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
    for (const { evaluationId } of plans) {
      const mine = acknowledged.filter((a) => a.evaluationId === evaluationId);
      const stored = (await loadEvaluationBundle(db, { evaluationId }))!.evaluation;
      const everything = { page: 1, pageSize: 100_000, sort: 'time', direction: 'asc', q: '', filters: {} } as const;
      const history = (await listEvaluationAudit(db, { evaluationId, query: everything })).items
        .filter((entry) => entry.field === GOAL_FIELD)
        .map((entry) => entry.newValue);
      // Every acknowledged save is in the record with its value…
      for (const save of mine) expect(history).toContain(save.goal);
      // …and what is stored is the last acknowledged save, or the one in flight when the server died.
      const last = mine.at(-1)!;
      const tried = attempted.get(evaluationId)!;
      const inFlight = tried[tried.indexOf(last.goal) + 1];
      expect([last.goal, inFlight]).toContain(stored.goalActual);
      expect(stored.version).toBe(stored.goalActual === last.goal ? last.version : last.version + 1);
    }
    closeDatabase(db);

    // The restarted app serves it.
    const owner = await apiAs(second.url, plans[0].username);
    const detail = await (await owner.get(`/api/evaluations/${plans[0].evaluationId}`)).json();
    expect(detail.goalActual).toMatch(/^第 \d+ 次保存/);
    await owner.dispose();
  } finally {
    await second.stop();
  }
});
