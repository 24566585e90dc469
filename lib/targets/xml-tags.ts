import type { ImportRefusal } from './import-limits';

/** A tag that matters longer than this is not from a spreadsheet program. */
const MAX_TAG_CHARS = 64 * 1024;

export interface XmlTag {
  /** Local name (`row` for `x:row`). */
  name: string;
  closing: boolean;
  attributes: string;
  /** The text right before the tag, when the consumer asked for it. */
  textBefore: string;
}

/** Gets the stream too, to set `keepText`. */
export type TagHandler = (tag: XmlTag, stream: XmlTagStream) => ImportRefusal | null;

/** XML's blanks, and the `/` of `<c/>`, end a tag's name. */
function endsName(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x2f;
}

/**
 * Reads XML as it inflates, chunk by chunk, and hands the tags whose names matter to a handler,
 * holding on to nothing else (a tag split between chunks is carried over). Not an XML parser: enough
 * to see every `<row>` and `<c>` a reader would see, in time linear in the input and constant memory.
 */
export class XmlTagStream {
  private inTag = false;
  /** The start of a tag split between chunks, while it may matter. */
  private partial = '';
  private skipping = false;
  private text = '';
  /** While true, the text between tags is kept for the next tag's `textBefore`. */
  keepText = false;

  constructor(
    private readonly wanted: ReadonlySet<string>,
    private readonly onTag: TagHandler,
    private readonly malformed: (detail: string) => ImportRefusal,
    /** Closing tags are only handed over when asked for. */
    private readonly wantsClosing = false,
  ) {}

  feed(chunk: string): ImportRefusal | null {
    let i = 0;
    while (i < chunk.length) {
      if (!this.inTag) {
        const lt = chunk.indexOf('<', i);
        const end = lt < 0 ? chunk.length : lt;
        if (this.keepText) {
          this.text += chunk.slice(i, end);
          if (this.text.length > MAX_TAG_CHARS) return this.malformed('文本过长');
        }
        if (lt < 0) return null;
        this.inTag = true;
        this.partial = '';
        this.skipping = false;
        i = lt + 1;
        continue;
      }
      const gt = chunk.indexOf('>', i);
      let refusal: ImportRefusal | null = null;
      if (gt >= 0 && !this.skipping && this.partial === '') {
        // Nearly always: the whole tag is in this chunk, read in place.
        refusal = this.tag(chunk, i, gt);
      } else if (!this.skipping) {
        this.partial += chunk.slice(i, gt < 0 ? chunk.length : gt);
        const name = this.name(this.partial, 0, this.partial.length);
        // Skip the rest of a tag once its name is known not to matter.
        if ((name.complete || gt >= 0) && !this.wanted.has(name.local)) this.skipping = true;
        else if (this.partial.length > MAX_TAG_CHARS) return this.malformed('标签过长');
        else if (gt >= 0) refusal = this.tag(this.partial, 0, this.partial.length);
      }
      if (gt < 0) return null;
      this.inTag = false;
      this.text = '';
      i = gt + 1;
      if (refusal) return refusal;
    }
    return null;
  }

  /** The local name (`row` of `x:row`) of the tag in source[from, to), and whether something follows it. */
  private name(source: string, from: number, to: number) {
    const start = source[from] === '/' ? from + 1 : from;
    let local = start;
    let end = start;
    for (; end < to && !endsName(source.charCodeAt(end)); end++) if (source.charCodeAt(end) === 0x3a) local = end + 1;
    return { local: source.slice(local, end), end, complete: end < to };
  }

  private tag(source: string, from: number, to: number): ImportRefusal | null {
    const closing = source.charCodeAt(from) === 0x2f;
    if (closing && !this.wantsClosing) return null;
    const name = this.name(source, from, to);
    if (!this.wanted.has(name.local)) return null;
    const attributes = source.slice(name.end, to);
    return this.onTag({ name: name.local, closing, attributes, textBefore: this.text }, this);
  }
}

const attributePatterns = new Map<string, RegExp>();

/** The value of one attribute (`r`, `ref`, `sqref`, `max`), or null. */
export function attribute(attributes: string, name: string): string | null {
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  const m = pattern.exec(attributes);
  return m ? (m[1] ?? m[2]) : null;
}
