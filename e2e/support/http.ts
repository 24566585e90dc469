import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './fixtures';

/** An HTTP client signed in through next-auth's credentials endpoint, as a browser's login form does. */
export async function apiAs(
  baseURL: string,
  username: string | null,
  password = DEMO_PASSWORD,
): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  if (username === null) return ctx;
  const { csrfToken } = await (await ctx.get('/api/auth/csrf')).json();
  const res = await ctx.post('/api/auth/callback/credentials', {
    form: { csrfToken, username, password, json: 'true' },
  });
  if (!res.ok()) throw new Error(`sign-in of ${username} failed: ${res.status()}`);
  return ctx;
}

let manifest: Record<string, { exportedName: string }> | null = null;

export function actionId(exportedName: string): string {
  manifest ??= JSON.parse(
    readFileSync(
      path.resolve(__dirname, '../..', process.env.NEXT_DIST_DIR || '.next', 'server/server-reference-manifest.json'),
      'utf8',
    ),
  ).node;
  const found = Object.entries(manifest!).find(([, v]) => v.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in the build`);
  return found[0];
}

export interface ActionResult {
  ok: boolean;
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  data?: Record<string, unknown>;
}

/**
 * Calls a server action over HTTP exactly as React does (POST with the Next-Action header), but with
 * whatever arguments a caller chooses: the UI hiding a button is not a check, so the tests go around it.
 */
export async function callAction(
  ctx: APIRequestContext,
  pagePath: string,
  exportedName: string,
  arg: unknown,
): Promise<ActionResult> {
  const res = await ctx.post(pagePath, {
    headers: {
      'Next-Action': actionId(exportedName),
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
    },
    data: JSON.stringify([arg]),
  });
  const text = await res.text();
  const line = text.split('\n').find((l) => l.startsWith('1:'));
  if (!line) throw new Error(`unexpected action response ${res.status()}: ${text.slice(0, 300)}`);
  return JSON.parse(line.slice(2));
}

/** Posts to an operation route (lib/auth/operation-route.ts) as the browser's form does; its ActionState. */
export async function postOperationAs(ctx: APIRequestContext, url: string, arg: unknown): Promise<ActionResult> {
  const res = await ctx.post(url, { headers: { 'Content-Type': 'application/json' }, data: JSON.stringify(arg) });
  return res.json();
}
