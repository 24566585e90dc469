'use server';

import { serverAction } from '@/lib/auth/server-action';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { approveOperation, finalizeOperation, returnOperation } from '@/lib/evaluations/transitions';

/** The head's and finance's decisions, and finance's reviewed scores. */
export const approveAction = serverAction(approveOperation);
export const returnAction = serverAction(returnOperation);
export const finalizeAction = serverAction(finalizeOperation);
export const reviewScoresAction = serverAction(reviewScoresOperation);
