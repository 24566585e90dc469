import 'server-only';
import { getDb } from '@/db';
import { fail, HTTP_STATUS, type ActionState } from '@/lib/action-state';
import { readJsonBody } from '@/lib/http/json-body';
import { CROSS_ORIGIN_MESSAGE, isSameOrigin } from '@/lib/http/same-origin';
import { runOperation, type Operation } from '@/lib/operations';
import { unproxiedRoute } from './api';
import { checkCaller } from './gate';
import { getCurrentUser } from './session';
import type { z } from 'zod';

const answer = (state: ActionState<unknown>) =>
  Response.json(state, { status: state.ok ? 200 : HTTP_STATUS[state.code] });

/**
 * An operation as a POST route whose JSON body may be larger than a server action's (the imports,
 * whose sources run to megabytes): the answer is the operation's ActionState itself, field messages
 * and all, with its HTTP status, so the browser's form shows it as it shows an action's
 * (`postOperation`, lib/action-state.ts). The caller is checked before the body is read, the body is
 * read with this route's own limit, then the one gate runs as for any action. proxy.ts leaves these
 * routes alone (it would copy the body and cut it at 10 MB); unproxiedRoute gives them the API headers.
 */
export function operationRoute<S extends z.ZodType, T>(
  op: Operation<S, T>,
  { maxBodyBytes }: { maxBodyBytes: number },
) {
  return unproxiedRoute(async (req: Request) => {
    if (!isSameOrigin(req.headers, process.env)) return answer(fail('forbidden', CROSS_ORIGIN_MESSAGE));
    const user = await getCurrentUser();
    const caller = checkCaller(user, { roles: op.roles, allowTemporaryPassword: op.allowWithTemporaryPassword });
    if (!caller.ok) return answer(caller);
    const body = await readJsonBody(req, maxBodyBytes);
    if (!body.ok) return answer(body);
    return answer(await runOperation(op, user, body.value, getDb()));
  });
}
