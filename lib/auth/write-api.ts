import 'server-only';
import { z } from 'zod';
import { getDb, type Db } from '@/db';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { evaluationVersions } from '@/db/queries/workflow';
import { HTTP_STATUS, type ActionState, type Failure } from '@/lib/action-state';
import { loadEvaluationInScope } from '@/lib/evaluations/authorize';
import { readJsonRequest } from '@/lib/http/json-request';
import { fieldErrorsOf, runOperation, type Operation } from '@/lib/operations';
import { apiUser } from './api';
import type { SessionUser } from './scope';

/**
 * The write API's adapter (docs/api.md): a same-origin JSON body, a session, the body's shape; then
 * the handler hands it to the same operation the form uses. Failures answer with the statuses
 * integrations expect: 401, 403, 404, 409 (with the current version), 422 with field messages.
 */
export function writeRoute<S extends z.ZodType, P extends Record<string, string>>(
  schema: S,
  handle: (args: { db: Db; user: SessionUser; body: z.output<S>; params: P }) => Promise<Response>,
) {
  return async (req: Request, ctx: { params: Promise<P> }) => {
    const read = await readJsonRequest(req);
    if (!read.ok) return Response.json({ message: read.message }, { status: read.status });
    const user = await apiUser();
    if (user instanceof Response) return user;
    const parsed = schema.safeParse(read.body, { error: z.locales.zhCN().localeError });
    if (!parsed.success) return invalidBody(fieldErrorsOf(parsed.error));
    return handle({ db: getDb(), user, body: parsed.data, params: await ctx.params });
  };
}

export const invalidBody = (fieldErrors: Record<string, string>) =>
  Response.json({ message: '请求内容有误，请按字段提示修改', fieldErrors }, { status: 422 });

/** A refusal as the API says it: a wrong field is 422; a conflict carries the version to reload from. */
export async function refusal(db: Db, evaluationId: number, failure: Failure): Promise<Response> {
  const { code, message, fieldErrors } = failure;
  if (code === 'invalid') return Response.json({ code, message, fieldErrors: fieldErrors ?? {} }, { status: 422 });
  const body: Record<string, unknown> = { code, message };
  if (code === 'conflict' || code === 'state') {
    const current = (await evaluationVersions(db, { evaluationIds: [evaluationId] })).get(evaluationId);
    if (current) Object.assign(body, current);
  }
  return Response.json(body, { status: HTTP_STATUS[code] });
}

export async function answer<T>(
  db: Db,
  evaluationId: number,
  state: ActionState<T>,
  success: (data: T) => unknown,
): Promise<Response> {
  return state.ok ? Response.json(success(state.data)) : refusal(db, evaluationId, state);
}

/**
 * A write to one evaluation (`/api/evaluations/{id}…`): the body translated onto the form's input
 * from what is stored (a partial body keeps the rest), then the form's own operation.
 */
export function evaluationWriteRoute<S extends z.ZodType, I extends object, T>({
  schema,
  translate,
  operation,
  success,
}: {
  schema: S;
  translate: (
    bundle: EvaluationBundle,
    body: z.output<S>,
  ) => { ok: true; input: I } | { ok: false; fieldErrors: Record<string, string> };
  operation: Operation<z.ZodType, T>;
  success: (data: T) => unknown;
}) {
  return writeRoute(
    schema,
    async ({ db, user, body, params }: { db: Db; user: SessionUser; body: z.output<S>; params: { id: string } }) => {
      const found = await loadEvaluationInScope(db, user, params.id);
      if (!found.ok) return refusal(db, Number(params.id), found);
      const translated = translate(found.bundle, body);
      if (!translated.ok) return invalidBody(translated.fieldErrors);
      const id = found.bundle.evaluation.id;
      return answer(
        db,
        id,
        await runOperation(operation, user, { ...translated.input, evaluationId: id }, db),
        success,
      );
    },
  );
}
