/**
 * Where evidence files live: content-addressed (a file is named by the sha256 of its bytes, so identical uploads
 * share one copy), behind an interface small enough that a shared volume or an S3-compatible store can take the
 * filesystem's place when several app instances serve one database.
 */
import type { Readable } from 'node:stream';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Names reach the storage from URLs and database rows: anything but 64 lowercase hex digits is a bug or an attack. */
export function assertSha256(value: string): void {
  if (!isSha256(value)) throw new Error(`not a sha256: ${JSON.stringify(value)}`);
}

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface ListedFile extends StoredFile {
  /** When the content was last written; a fresh upload of content already stored renews it. */
  modifiedAt: Date;
}

/** The bytes of an upload: a whole buffer, a Node stream (anything that yields chunks) or a web stream. */
export type PutSource = Uint8Array | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

export interface PutOptions {
  /** The most bytes the content may have; the upload stops at the first byte over and nothing lands. */
  maxBytes?: number;
  /**
   * Looks at the complete local copy (a file path) before it takes its place, e.g. to decide its type from the
   * content; `false` discards it. Refused content therefore never appears in the store.
   */
  accept?: (localFile: string, stored: StoredFile) => Promise<boolean>;
}

export type PutResult =
  | ({ ok: true } & StoredFile)
  | { ok: false; reason: 'too-large'; limitBytes: number }
  | { ok: false; reason: 'not-accepted' };

export interface EvidenceStorage {
  /** Resolves only once the content is durable (written, flushed, in place): commit its row after this. */
  put(source: PutSource, options?: PutOptions): Promise<PutResult>;
  /** The content, or null when nothing is stored under that name. */
  get(sha256: string): Promise<Readable | null>;
  exists(sha256: string): Promise<boolean>;
  /**
   * Removes the content; with `unmodifiedSince`, only when it was not written after that moment (so a sweep never
   * removes content that a new upload has just stored again). Returns whether something was removed.
   */
  delete(sha256: string, options?: { unmodifiedSince?: Date }): Promise<boolean>;
  /** Every stored file, for the sweep. */
  list(): AsyncIterable<ListedFile>;
  /** Removes uploads that never completed (a crash or a kill mid-write) and began before `before`; returns how many. */
  purgeIncomplete(before: Date): Promise<number>;
}
