/**
 * What every operation answers, in the browser and on the server alike: `{ ok, data }`, or a failure
 * with a code, a message for the person and messages for the fields. Expected failures are
 * returned, never thrown.
 */
export type FailureCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'state'
  | 'error'
  /** A request that is not what the endpoint reads (an upload that is not multipart, a cut-off body). */
  | 'malformed'
  /** Over a size limit (an evidence file, an evaluation's evidence). */
  | 'too_large'
  /** Content of a type that is not let in. */
  | 'unsupported_type';

export type Failure = { ok: false; code: FailureCode; message: string; fieldErrors?: Record<string, string> };

export type ActionState<T = null> = { ok: true; data: T; message?: string } | Failure;

/** How an API route answers each failure. */
export const HTTP_STATUS: Record<FailureCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  state: 409,
  error: 500,
  malformed: 422,
  too_large: 413,
  unsupported_type: 415,
};

export function fail(code: FailureCode, message: string, fieldErrors?: Record<string, string>): Failure {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

export function ok<T>(data: T, message?: string): { ok: true; data: T; message?: string } {
  return message ? { ok: true, data, message } : { ok: true, data };
}

const unreachable = () => fail('error', '网络或服务器出错，内容未保存。请检查网络后重试。');

/**
 * For the browser: a server action that cannot be reached (network down, server restarting) answers
 * like any other failure, so a form shows a message instead of silently doing nothing.
 */
export async function callAction<T>(
  action: (raw: unknown) => Promise<ActionState<T>>,
  input: unknown,
): Promise<ActionState<T>> {
  try {
    return await action(input);
  } catch {
    return unreachable();
  }
}

/**
 * For the browser: an operation served as a POST route (operationRoute, lib/auth/operation-route.ts),
 * answered like callAction: its ActionState, or the same failure when the server cannot be reached.
 */
export async function postOperation<T>(url: string, input: unknown): Promise<ActionState<T>> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const state = (await res.json()) as ActionState<T>;
    if (typeof state?.ok === 'boolean') return state;
  } catch {
    // answered below
  }
  return unreachable();
}
