'use server';

import { serverAction } from '@/lib/auth/server-action';
import { updateProjectTargetsOperation } from '@/lib/targets/edit-targets';
import { confirmTargetImportOperation, previewTargetImportOperation } from '@/lib/targets/import-operations';

export const previewTargetImportAction = serverAction(previewTargetImportOperation);
export const confirmTargetImportAction = serverAction(confirmTargetImportOperation);
export const updateProjectTargetsAction = serverAction(updateProjectTargetsOperation);
