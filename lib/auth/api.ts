import 'server-only';
import { getDb, type Db } from '@/db';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { existingYear } from '@/db/queries/years';
import { fail, HTTP_STATUS, type Failure } from '@/lib/action-state';
import { loadEvaluationInScope } from '@/lib/evaluations/authorize';
import { CROSS_ORIGIN_MESSAGE, isSameOrigin } from '@/lib/http/same-origin';
import { unproxiedApiHeaders } from '@/lib/http/security-headers';
import { runOperation, type Operation } from '@/lib/operations';
import { checkCaller } from './gate';
import { getCurrentUser } from './session';
import type { SessionUser } from './scope';
import type { z } from 'zod';

/** An API route's answer to a failure: its status, and the message as `{ error }`. */
export const refuseRequest = (failure: Failure) =>
  Response.json({ error: failure.message }, { status: HTTP_STATUS[failure.code] });

/**
 * The checks every API route repeats, with the statuses integrations expect: 401 without a session,
 * 403 while a reset password is unchanged or outside the caller's scope, 404 for what does not exist.
 */
export async function apiUser(): Promise<SessionUser | Response> {
  const caller = checkCaller(await getCurrentUser());
  return caller.ok ? caller.user : refuseRequest(caller);
}

export async function apiEvaluation(
  db: Db,
  idParam: string,
): Promise<{ user: SessionUser; bundle: EvaluationBundle } | Response> {
  const user = await apiUser();
  if (user instanceof Response) return user;
  const found = await loadEvaluationInScope(db, user, idParam);
  return found.ok ? { user, bundle: found.bundle } : refuseRequest(found);
}

export async function apiYear(db: Db, yearParam: string): Promise<{ user: SessionUser; year: number } | Response> {
  const user = await apiUser();
  if (user instanceof Response) return user;
  const year = await existingYear(db, { param: yearParam });
  if (year === null) return Response.json({ error: '没有该年度' }, { status: HTTP_STATUS.not_found });
  return { user, year };
}

/** A route under `/api/years/{year}/…`: the caller and the year checked, then the handler (with the other path segments). */
export function yearRoute<P extends { year: string } = { year: string }>(
  handle: (args: { db: Db; user: SessionUser; year: number; req: Request; params: P }) => Promise<Response>,
) {
  return async (req: Request, ctx: { params: Promise<P> }) => {
    const db = getDb();
    const params = await ctx.params;
    const found = await apiYear(db, params.year);
    return found instanceof Response ? found : handle({ db, req, params, ...found });
  };
}

/** A route under `/api/evaluations/{id}/…`: the caller and the evaluation in scope, then the handler. */
export function evaluationRoute(handle: (args: { bundle: EvaluationBundle }) => Promise<Response> | Response) {
  return async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
    const found = await apiEvaluation(getDb(), (await ctx.params).id);
    return found instanceof Response ? found : handle(found);
  };
}

/**
 * The API adapter of the gate for a mutation: a browser's request must come from this site's pages (Origin), then
 * runOperation for the session's user; a failure answers with its status, a success with `respond(data)`.
 */
export async function apiOperation<S extends z.ZodType, T>(
  req: Request,
  op: Operation<S, T>,
  input: unknown,
  respond: (data: T) => Response,
): Promise<Response> {
  if (!isSameOrigin(req.headers, process.env)) return refuseRequest(fail('forbidden', CROSS_ORIGIN_MESSAGE));
  const state = await runOperation(op, await getCurrentUser(), input, getDb());
  return state.ok ? respond(state.data) : refuseRequest(state);
}

/** A route that proxy.ts leaves alone: its answers get the API headers the proxy would have given them. */
export function unproxiedRoute<C>(handle: (req: Request, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C) => {
    const response = await handle(req, ctx);
    for (const [name, value] of Object.entries(unproxiedApiHeaders(req.headers, process.env)))
      if (!response.headers.has(name)) response.headers.set(name, value);
    return response;
  };
}
