import yauzl from 'yauzl';

/** Every entry of a zip (a .docx) as text, by name. */
export async function zipEntries(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const out = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
  }
  return out;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The paragraphs of word/document.xml as plain text, one per line (table cells are paragraphs too). */
export async function docxText(bytes: Buffer): Promise<{ xml: string; text: string; entries: Map<string, string> }> {
  const entries = await zipEntries(bytes);
  const xml = entries.get('word/document.xml');
  if (!xml) throw new Error('no word/document.xml in the file');
  const paragraphs = xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1])).join(''));
  return { xml, text: paragraphs.filter(Boolean).join('\n'), entries };
}
