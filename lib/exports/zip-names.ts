import { createHash } from 'node:crypto';
import { sanitizeFileName } from '@/lib/evidence/file-name';

/**
 * Safe, unique entry names: each segment made a safe file name (so no `..`, no absolute path, no drive letter), empty
 * folders dropped, and a second `合同.pdf` in the same folder becomes `合同 (2).pdf` (compared as Windows does,
 * ignoring case).
 */
export class EntryNames {
  private readonly taken = new NameFingerprints();

  take(rawPath: string | readonly string[]): string {
    const segments =
      typeof rawPath === 'string' ? rawPath.split(/[\\/]/) : rawPath.map((segment) => segment.replace(/[\\/]/g, '_'));
    const fileName = sanitizeFileName(segments.pop() ?? '');
    const folders = segments.map((segment) => sanitizeFileName(segment, '')).filter(Boolean);
    const folder = folders.length > 0 ? `${folders.join('/')}/` : '';
    for (let copy = 1; ; copy++) {
      const name = folder + (copy === 1 ? fileName : numbered(fileName, copy));
      if (this.taken.add(name.toLowerCase())) return name;
    }
  }
}

function numbered(fileName: string, copy: number): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)} (${copy})${fileName.slice(dot)}` : `${fileName} (${copy})`;
}

/**
 * The names taken so far, as 63-bit fingerprints in an open-addressing table: 16 to 32 bytes a name where a Set of the
 * names costs about 100 (a 200,000-file archive: 3 MB instead of 20). Two names share a fingerprint with a
 * chance of about 2 in a billion at that size, and then the second is merely numbered.
 */
export class NameFingerprints {
  // Pairs of 32-bit halves; a low half of 0 marks a free slot, so every fingerprint's low half is odd.
  private slots = new Uint32Array(2 * 1024);
  private count = 0;

  /** Adds the name; false when it was taken already. */
  add(name: string): boolean {
    const digest = createHash('sha1').update(name).digest();
    const high = digest.readUInt32LE(0);
    const low = (digest.readUInt32LE(4) | 1) >>> 0;
    const slot = this.find(high, low);
    if (this.slots[slot + 1] !== 0) return false;
    this.slots[slot] = high;
    this.slots[slot + 1] = low;
    if (++this.count * 2 > this.slots.length / 2) this.grow();
    return true;
  }

  private find(high: number, low: number): number {
    const mask = this.slots.length / 2 - 1;
    for (let index = high & mask; ; index = (index + 1) & mask) {
      const slot = index * 2;
      if (this.slots[slot + 1] === 0 || (this.slots[slot] === high && this.slots[slot + 1] === low)) return slot;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let slot = 0; slot < old.length; slot += 2) {
      if (old[slot + 1] === 0) continue;
      const free = this.find(old[slot], old[slot + 1]);
      this.slots[free] = old[slot];
      this.slots[free + 1] = old[slot + 1];
    }
  }
}
