'use server';

import { serverAction } from '@/lib/auth/server-action';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { TRANSITION_OPERATIONS } from '@/lib/evaluations/transitions';

/** The head's and finance's decisions, finance's reviewed scores, and reopening a finalised evaluation. */
export const approveAction = serverAction(TRANSITION_OPERATIONS.approve);
export const returnAction = serverAction(TRANSITION_OPERATIONS.return);
export const finalizeAction = serverAction(TRANSITION_OPERATIONS.finalize);
export const reviewScoresAction = serverAction(reviewScoresOperation);
export const reopenAction = serverAction(TRANSITION_OPERATIONS.reopen);
export const reassessAction = serverAction(TRANSITION_OPERATIONS.reassess);
