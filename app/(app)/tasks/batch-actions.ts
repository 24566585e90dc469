'use server';

import { serverAction } from '@/lib/auth/server-action';
import { batchTransitionOperation } from '@/lib/evaluations/batch';

/** 批量审核通过 / 批量定稿 / 批量退回 from 待办 and the overview: each item checked on its own. */
export const batchTransitionAction = serverAction(batchTransitionOperation);
