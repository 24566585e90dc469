'use server';

import { serverAction } from '@/lib/auth/server-action';
import { confirmExecutionImportOperation, previewExecutionImportOperation } from '@/lib/treasury/operations';

/** The treasury execution figures' upload: preview, then apply exactly what was previewed. */
export const previewExecutionImportAction = serverAction(previewExecutionImportOperation);
export const confirmExecutionImportAction = serverAction(confirmExecutionImportOperation);
