'use server';

import { serverAction } from '@/lib/auth/server-action';
import { updateProjectTargetsOperation } from '@/lib/targets/edit-targets';
import { confirmTargetImportOperation, previewTargetImportOperation } from '@/lib/targets/import-operations';
import { updateYearOperation, whatIfOperation } from '@/lib/years/operations';
import { rolloverOperation } from '@/lib/years/rollover';

export const previewTargetImportAction = serverAction(previewTargetImportOperation);
export const confirmTargetImportAction = serverAction(confirmTargetImportOperation);
export const updateProjectTargetsAction = serverAction(updateProjectTargetsOperation);
export const updateYearAction = serverAction(updateYearOperation);
export const whatIfAction = serverAction(whatIfOperation);
export const rolloverAction = serverAction(rolloverOperation);
