'use server';

import { serverAction } from '@/lib/auth/server-action';
import { drawSpotCheckOperation } from '@/lib/spot-check/operations';

/** 抽查复核: draws and stores a reproducible sample. */
export const drawSpotCheckAction = serverAction(drawSpotCheckOperation);
