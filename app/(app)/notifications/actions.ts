'use server';

import { serverAction } from '@/lib/auth/server-action';
import { markReadOperation, notificationEmailOperation, remindOperation } from '@/lib/notifications/operations';

/** The inbox (read marks, the e-mail copy) and 催办. */
export const markReadAction = serverAction(markReadOperation);
export const notificationEmailAction = serverAction(notificationEmailOperation);
export const remindAction = serverAction(remindOperation);
