import { operationRoute } from '@/lib/auth/operation-route';
import { IMPORT_BODY_BYTES } from '@/lib/targets/import-limits';
import { previewTargetImportOperation } from '@/lib/targets/import-operations';

export const dynamic = 'force-dynamic';

export const POST = operationRoute(previewTargetImportOperation, { maxBodyBytes: IMPORT_BODY_BYTES });
