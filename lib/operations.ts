import 'server-only';
import { z } from 'zod';
import { transaction, type Db } from '@/db';
import type { Role } from '@/db/schema';
import { fail, type ActionState, type Failure } from '@/lib/action-state';
import { checkCaller } from '@/lib/auth/gate';
import type { SessionUser } from '@/lib/auth/scope';

export { fail, ok, type ActionState, type Failure, type FailureCode } from '@/lib/action-state';

/**
 * Every mutation is an Operation: a zod schema, the roles that may call it at all, and a run
 * function that does the finer checks (scope, workflow state, version) against the database.
 * Expected failures are returned as a typed state, never thrown.
 */
export interface OperationContext {
  user: SessionUser;
  db: Db;
}

export interface Operation<S extends z.ZodType, T> {
  name: string;
  schema: S;
  roles: readonly Role[];
  /** Only the password change itself runs before a reset password is replaced. */
  allowWithTemporaryPassword?: boolean;
  run(input: z.output<S>, ctx: OperationContext): Promise<ActionState<T>>;
}

export function defineOperation<S extends z.ZodType, T>(op: Operation<S, T>): Operation<S, T> {
  return op;
}

/** zod issues → `{ "indicators.3.value": "请输入数字" }`, first message per field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

/** An operation's input through its schema, with the messages in Chinese: the data, or the fields' messages. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): { ok: true; data: z.output<S> } | Failure {
  const parsed = schema.safeParse(raw, { error: z.locales.zhCN().localeError });
  if (parsed.success) return { ok: true, data: parsed.data };
  return fail('invalid', '输入有误，请检查标红的字段', fieldErrorsOf(parsed.error));
}

/** The one gate every server action and test goes through: session, role, input, then the operation. */
export async function runOperation<S extends z.ZodType, T>(
  op: Operation<S, T>,
  user: SessionUser | null,
  raw: unknown,
  db: Db,
): Promise<ActionState<T>> {
  const caller = checkCaller(user, { roles: op.roles, allowTemporaryPassword: op.allowWithTemporaryPassword });
  if (!caller.ok) return caller;
  const parsed = parseInput(op.schema, raw);
  if (!parsed.ok) return parsed;
  try {
    return await op.run(parsed.data, { user: caller.user, db });
  } catch (error) {
    // Unexpected (a busy database after its timeout, a bug): logged for the operator, told plainly to the user.
    console.error(`operation ${op.name} failed`, error);
    return fail('error', '服务器处理出错，内容未保存。请稍后重试；如反复出现请联系系统管理员。');
  }
}

class StepRefused extends Error {
  constructor(
    readonly index: number,
    readonly failure: Failure,
  ) {
    super(failure.message);
  }
}

/**
 * Runs one step per item in one transaction, every one or none: the first refusal rolls all back and
 * is answered with the item it refused (an import's confirmation). The steps' data, in item order.
 */
export async function allOrNone<I, T>(
  db: Db,
  items: I[],
  step: (item: I, tx: Db) => Promise<ActionState<T>>,
): Promise<{ ok: true; data: T[] } | { ok: false; item: I; failure: Failure }> {
  try {
    const data = await transaction(db, async (tx) => {
      const out: T[] = [];
      for (const [index, item] of items.entries()) {
        const done = await step(item, tx);
        if (!done.ok) throw new StepRefused(index, done);
        out.push(done.data);
      }
      return out;
    });
    return { ok: true, data };
  } catch (error) {
    if (error instanceof StepRefused) return { ok: false, item: items[error.index], failure: error.failure };
    throw error;
  }
}
