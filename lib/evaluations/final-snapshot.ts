import 'server-only';
import type { Db } from '@/db';

/**
 * HOOK (deploy, issue 11): the frozen snapshot written at 定稿 must be discarded when a finalised
 * evaluation is reopened (撤销定稿, 退回重新评价), inside the same transaction. The snapshot is not on
 * main yet; when it lands, this function calls its single discard function and nothing else changes:
 * commitEvaluation already calls it for every step that leaves 已定稿.
 */
export async function discardFinalSnapshot(_tx: Db, _args: { evaluationId: number }): Promise<void> {}
