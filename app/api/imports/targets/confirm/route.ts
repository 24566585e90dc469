import { operationRoute } from '@/lib/auth/operation-route';
import { IMPORT_BODY_BYTES } from '@/lib/targets/import-limits';
import { confirmTargetImportOperation } from '@/lib/targets/import-operations';

export const dynamic = 'force-dynamic';

export const POST = operationRoute(confirmTargetImportOperation, { maxBodyBytes: IMPORT_BODY_BYTES });
