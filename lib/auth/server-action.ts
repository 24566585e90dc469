import 'server-only';
import { getDb } from '@/db';
import { runOperation, type Operation } from '@/lib/operations';
import { getCurrentUser } from './session';
import type { z } from 'zod';

/**
 * The server-action adapter of the gate: the browser's call runs the operation for the session's
 * user on the app's database. Every check lives in runOperation and the operation itself.
 */
export function serverAction<S extends z.ZodType, T>(op: Operation<S, T>) {
  return async (raw: unknown) => runOperation(op, await getCurrentUser(), raw, getDb());
}
