'use server';

import { serverAction } from '@/lib/auth/server-action';
import { updateProjectTargetsOperation } from '@/lib/targets/edit-targets';

// The import's preview and confirmation are routes (app/api/imports/targets/*): their sources are larger than an action may be.
export const updateProjectTargetsAction = serverAction(updateProjectTargetsOperation);
