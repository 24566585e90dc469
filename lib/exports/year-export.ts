import 'server-only';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { transaction, type Db } from '@/db';
import { evaluationListCondition, evaluationListSpec } from '@/db/queries/evaluation-list';
import { yearBundleBatches, type EvaluationBundle } from '@/db/queries/evaluations';
import { releaseSlot, renewSlot, takeSlot } from '@/db/queries/export-slots';
import { returnNotesOf } from '@/db/queries/workflow';
import { findYear } from '@/db/queries/years';
import { yearRoute } from '@/lib/auth/api';
import type { SessionUser } from '@/lib/auth/scope';
import { API_PAGE_SIZES, readListQuery } from '@/lib/lists/list-params';
import { deadlineIsNear } from '@/lib/overview/flags';
import { downloadHeaders } from './download';
import type { ExportBundle } from './export-scores';

/**
 * What every year export (the indicator CSV, the year workbook, the zip of 自评表) shares: it follows
 * the filters of the list it is started from (the overview's and the project list's parameters), it
 * reads the year a batch at a time, and it holds one of two slots shared by every instance of the app
 * for as long as it streams, so that at most two year exports run at a time.
 */

export const YEAR_EXPORT_SLOTS = ['year-export-1', 'year-export-2'] as const;
export const EXPORTS_BUSY_MESSAGE = `已有 ${YEAR_EXPORT_SLOTS.length} 个年度导出正在进行，请稍后再试。`;
/** A slot outlives a crashed holder by at most this long; a running export renews it well before. */
const LEASE_MS = 60_000;
const RENEW_MS = 20_000;

export interface ExportSlot {
  name: string;
  release(): Promise<void>;
}

/** Takes a free year-export slot, renewed until released; null when both are held. */
export async function takeExportSlot(db: Db, now = new Date()): Promise<ExportSlot | null> {
  const holder = randomUUID();
  const expiresAt = new Date(now.getTime() + LEASE_MS);
  const name = await transaction(db, async (tx) => {
    for (const slot of YEAR_EXPORT_SLOTS) if (await takeSlot(tx, { name: slot, holder, expiresAt, now })) return slot;
    return null;
  });
  if (name === null) return null;
  const renew = setInterval(() => {
    const expiresAt = new Date(Date.now() + LEASE_MS);
    transaction(db, (tx) => renewSlot(tx, { name, holder, expiresAt })).catch(() => clearInterval(renew));
  }, RENEW_MS);
  renew.unref();
  let released = false;
  return {
    name,
    release: async () => {
      if (released) return;
      released = true;
      clearInterval(renew);
      await transaction(db, (tx) => releaseSlot(tx, { name, holder }));
    },
  };
}

/** The rows an export started from a list covers: the year in the caller's scope, narrowed by the list's filters. */
export async function exportCondition(db: Db, { user, year, url }: { user: SessionUser; year: number; url: URL }) {
  const nearDeadline = deadlineIsNear((await findYear(db, { year }))?.deadline ?? null, new Date());
  const spec = evaluationListSpec({ nearDeadline });
  const read = readListQuery(spec, url.searchParams, { sizes: API_PAGE_SIZES });
  if (!read.ok) return { ok: false as const, message: read.message };
  return { ok: true as const, where: evaluationListCondition({ user, year }, { spec, query: read.query }) };
}

export type Batches = () => AsyncIterable<ExportBundle[]>;

/** Each batch with its returned evaluations' notes (who, when, why): the lists' one helper, once a batch. */
export async function* withReturnNotes(
  db: Db,
  batches: AsyncIterable<EvaluationBundle[]>,
): AsyncGenerator<ExportBundle[]> {
  for await (const batch of batches) {
    const notes = await returnNotesOf(db, { rows: batch.map((b) => b.evaluation) });
    yield notes.size === 0 ? batch : batch.map((b) => ({ ...b, lastReturn: notes.get(b.evaluation.id) ?? null }));
  }
}

/**
 * A year export's response: 400 for a filter it cannot read, 429 with 稍后再试 while two exports run,
 * else `body` streamed (its slot freed when the stream ends, fails or the download is cancelled).
 */
export async function yearExportResponse(
  db: Db,
  { user, year, req, headers }: { user: SessionUser; year: number; req: Request; headers: HeadersInit },
  body: (batches: Batches) => Readable,
): Promise<Response> {
  const condition = await exportCondition(db, { user, year, url: new URL(req.url) });
  if (!condition.ok) return Response.json({ error: condition.message }, { status: 400 });
  const slot = await takeExportSlot(db);
  if (!slot) return Response.json({ error: EXPORTS_BUSY_MESSAGE }, { status: 429, headers: { 'Retry-After': '30' } });
  let stream: Readable;
  try {
    stream = body(() => withReturnNotes(db, yearBundleBatches(db, { where: condition.where })));
  } catch (error) {
    await slot.release();
    throw error;
  }
  stream.once('close', () => void slot.release().catch(() => {}));
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers });
}

/**
 * A year export's route: `GET /api/years/{year}/<file>`, the caller and the year checked, the file
 * named `fileName(year)`, its body streamed from the batches of the list's filter.
 */
export function yearExportRoute({
  fileName,
  asciiFallback,
  contentType,
  body,
}: {
  fileName: (year: number) => string;
  asciiFallback: (year: number) => string;
  contentType: string;
  body: (args: { year: number; batches: Batches }) => Readable;
}) {
  return yearRoute(async ({ db, user, year, req }) =>
    yearExportResponse(
      db,
      {
        user,
        year,
        req,
        headers: downloadHeaders({ fileName: fileName(year), asciiFallback: asciiFallback(year), contentType }),
      },
      (batches) => body({ year, batches }),
    ),
  );
}
