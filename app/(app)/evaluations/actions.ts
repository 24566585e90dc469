'use server';

import { serverAction } from '@/lib/auth/server-action';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { approveOperation, finalizeOperation, returnOperation, submitOperation } from '@/lib/evaluations/transitions';

export const saveDraftAction = serverAction(saveDraftOperation);
export const submitAction = serverAction(submitOperation);
export const approveAction = serverAction(approveOperation);
export const returnAction = serverAction(returnOperation);
export const reviewScoresAction = serverAction(reviewScoresOperation);
export const finalizeAction = serverAction(finalizeOperation);
