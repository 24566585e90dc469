'use server';

import { getDb } from '@/db';
import { getCurrentUser } from '@/lib/auth/session';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { approveOperation, finalizeOperation, returnOperation, submitOperation } from '@/lib/evaluations/transitions';
import { runOperation } from '@/lib/operations';

// Thin: every check lives in runOperation and the operations themselves.

export async function saveDraftAction(raw: unknown) {
  return runOperation(saveDraftOperation, await getCurrentUser(), raw, getDb());
}

export async function submitAction(raw: unknown) {
  return runOperation(submitOperation, await getCurrentUser(), raw, getDb());
}

export async function approveAction(raw: unknown) {
  return runOperation(approveOperation, await getCurrentUser(), raw, getDb());
}

export async function returnAction(raw: unknown) {
  return runOperation(returnOperation, await getCurrentUser(), raw, getDb());
}

export async function reviewScoresAction(raw: unknown) {
  return runOperation(reviewScoresOperation, await getCurrentUser(), raw, getDb());
}

export async function finalizeAction(raw: unknown) {
  return runOperation(finalizeOperation, await getCurrentUser(), raw, getDb());
}
