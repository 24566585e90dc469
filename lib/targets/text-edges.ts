const WHITESPACE = /\s/;

/** JavaScript's `\s` (and what `String.prototype.trim` removes). */
export function isWhitespace(ch: string): boolean {
  return WHITESPACE.test(ch);
}

/**
 * `text` without its trailing run of characters that `drop` accepts: what `text.replace(/[…]+$/, '')`
 * does, in linear time (the regex rescans every such run that does not reach the end, from each of
 * its characters).
 */
export function dropTrailing(text: string, drop: (ch: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}
