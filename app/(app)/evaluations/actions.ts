'use server';

import { serverAction } from '@/lib/auth/server-action';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { submitOperation } from '@/lib/evaluations/transitions';

/** The owner's form: save a draft, submit it. */
export const saveDraftAction = serverAction(saveDraftOperation);
export const submitAction = serverAction(submitOperation);
