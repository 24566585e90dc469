'use server';

import { serverAction } from '@/lib/auth/server-action';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import {
  approveOperation,
  finalizeOperation,
  reassessOperation,
  reopenOperation,
  returnOperation,
} from '@/lib/evaluations/transitions';

/** The head's and finance's decisions, finance's reviewed scores, and reopening a finalised evaluation. */
export const approveAction = serverAction(approveOperation);
export const returnAction = serverAction(returnOperation);
export const finalizeAction = serverAction(finalizeOperation);
export const reviewScoresAction = serverAction(reviewScoresOperation);
export const reopenAction = serverAction(reopenOperation);
export const reassessAction = serverAction(reassessOperation);
