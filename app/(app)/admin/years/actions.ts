'use server';

import { serverAction } from '@/lib/auth/server-action';
import { updateYearOperation, whatIfOperation } from '@/lib/years/operations';
import { rolloverOperation } from '@/lib/years/rollover';

export const updateYearAction = serverAction(updateYearOperation);
export const whatIfAction = serverAction(whatIfOperation);
export const rolloverAction = serverAction(rolloverOperation);
