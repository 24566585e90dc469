import { beforeAll } from 'vitest';
import type { SessionUser } from '@/lib/auth/scope';
import { fsStorageIn } from '@/lib/evidence/fs-storage';
import { removeEvidenceOperation } from '@/lib/evidence/remove';
import { uploadEvidenceOperation, type UploadRequest } from '@/lib/evidence/upload';
import { runOperation } from '@/lib/operations';
import { testWorld, type World } from './world';

/** A test world whose evidence store is its own data folder (the app finds it through DATA_DIR). */
export function evidenceWorld(): World & { storage: () => ReturnType<typeof fsStorageIn> } {
  const world = testWorld() as World & { storage: () => ReturnType<typeof fsStorageIn> };
  beforeAll(() => {
    process.env.DATA_DIR = world.dir;
    world.storage = () => fsStorageIn(world.dir);
  });
  return world;
}

export interface UploadFile {
  name: string;
  data: Uint8Array;
}

/** A multipart body exactly as a browser's FormData sends it (encoded by the runtime's own fetch implementation). */
export function uploadRequest(files: UploadFile[], fields: Record<string, string> = {}): UploadRequest {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('file', new Blob([new Uint8Array(file.data)]), file.name);
  const request = new Request('http://127.0.0.1/upload', { method: 'POST', body: form });
  return { contentType: request.headers.get('content-type'), contentLength: null, body: request.body };
}

export function upload(
  world: World,
  user: SessionUser | null,
  evaluationId: number,
  files: UploadFile[],
  fields: Record<string, string> = {},
) {
  return runOperation(uploadEvidenceOperation, user, { evaluationId, request: uploadRequest(files, fields) }, world.db);
}

export function remove(world: World, user: SessionUser | null, attachmentId: number) {
  return runOperation(removeEvidenceOperation, user, { attachmentId }, world.db);
}
