'use server';

import { getDb } from '@/db';
import { getCurrentUser } from '@/lib/auth/session';
import { runOperation } from '@/lib/operations';
import { updateProjectTargetsOperation } from '@/lib/targets/edit-targets';
import { confirmTargetImportOperation, previewTargetImportOperation } from '@/lib/targets/import-operations';
import { updateYearOperation, whatIfOperation } from '@/lib/years/operations';
import { rolloverOperation } from '@/lib/years/rollover';

export async function previewTargetImportAction(raw: unknown) {
  return runOperation(previewTargetImportOperation, await getCurrentUser(), raw, getDb());
}

export async function confirmTargetImportAction(raw: unknown) {
  return runOperation(confirmTargetImportOperation, await getCurrentUser(), raw, getDb());
}

export async function updateProjectTargetsAction(raw: unknown) {
  return runOperation(updateProjectTargetsOperation, await getCurrentUser(), raw, getDb());
}

export async function updateYearAction(raw: unknown) {
  return runOperation(updateYearOperation, await getCurrentUser(), raw, getDb());
}

export async function whatIfAction(raw: unknown) {
  return runOperation(whatIfOperation, await getCurrentUser(), raw, getDb());
}

export async function rolloverAction(raw: unknown) {
  return runOperation(rolloverOperation, await getCurrentUser(), raw, getDb());
}
