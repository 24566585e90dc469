import { operationRoute } from '@/lib/auth/operation-route';
import { confirmEntryImportOperation } from '@/lib/entry/import-operations';
import { IMPORT_BODY_BYTES } from '@/lib/targets/import-limits';

export const dynamic = 'force-dynamic';

export const POST = operationRoute(confirmEntryImportOperation, { maxBodyBytes: IMPORT_BODY_BYTES });
