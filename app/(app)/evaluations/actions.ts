'use server';

import { serverAction } from '@/lib/auth/server-action';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { TRANSITION_OPERATIONS } from '@/lib/evaluations/transitions';

/** The owner's form: save a draft, submit it, withdraw the submission while the head has not acted. */
export const saveDraftAction = serverAction(saveDraftOperation);
export const submitAction = serverAction(TRANSITION_OPERATIONS.submit);
export const withdrawAction = serverAction(TRANSITION_OPERATIONS.withdraw);
