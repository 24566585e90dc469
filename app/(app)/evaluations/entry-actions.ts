'use server';

import { serverAction } from '@/lib/auth/server-action';
import { confirmEntryImportOperation, previewEntryImportOperation } from '@/lib/entry/import-operations';

/** The offline entry workbook's upload: preview, then confirm exactly what was previewed. */
export const previewEntryImportAction = serverAction(previewEntryImportOperation);
export const confirmEntryImportAction = serverAction(confirmEntryImportOperation);
