/**
 * Linear replacements for expressions anchored at the end (`/\/+$/`, `/#.*$/`…): a backtracking
 * engine tries them at every position, which is quadratic on a long run of the character
 * followed by something else. Documents and fetched pages are other people's text.
 */

/** `s.replace(/[chars]+$/, '')` for single characters accepted by `keep === false`. */
export function trimEndWhere(s: string, drop: (ch: string) => boolean): string {
  let end = s.length;
  while (end > 0 && drop(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** `s.replace(/[chars]+$/, '')` where `chars` lists the characters. */
export function trimEndChars(s: string, chars: string): string {
  return trimEndWhere(s, (ch) => chars.includes(ch));
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** `s.replace(/C.*$/, '')` (no `m` flag): cut at the first `c` after the last line terminator. */
export function cutFrom(s: string, c: string): string {
  let last = -1;
  for (let i = s.length - 1; i >= 0; i--) {
    if (LINE_TERMINATOR.test(s[i]!)) {
      last = i;
      break;
    }
  }
  const at = s.indexOf(c, last + 1);
  return at < 0 ? s : s.slice(0, at);
}

/**
 * Inline links `[text](dest)` and images `![text](dest)` replaced by `f(text, isImage)`, in one
 * pass: what `/!?\[([^\]]*)\]\([^)]*\)/g` finds (`/!\[…/` with `imagesOnly`), without the
 * expression's quadratic time on many `[` with no `]`.
 */
export function mapInlineLinks(s: string, imagesOnly: boolean, f: (text: string, isImage: boolean) => string): string {
  let out = '';
  let i = 0;
  let close = -1; // the first ']' after the candidate '['
  let paren = -1; // the first ')' after that
  for (let b = s.indexOf('[', 0); b >= 0; b = s.indexOf('[', b + 1)) {
    if (b < i) continue;
    const isImage = b > i && s.charCodeAt(b - 1) === 0x21;
    if (imagesOnly && !isImage) continue;
    if (close < b + 1) close = s.indexOf(']', b + 1);
    if (close < 0) break;
    if (s.charCodeAt(close + 1) !== 0x28) continue;
    if (paren < close + 2) paren = s.indexOf(')', close + 2);
    if (paren < 0) break;
    out += s.slice(i, isImage ? b - 1 : b) + f(s.slice(b + 1, close), isImage);
    i = paren + 1;
  }
  return out + s.slice(i);
}

/** `s.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')`: inline links and images become their text. */
export function inlineLinksToText(s: string): string {
  return mapInlineLinks(s, false, (text) => text);
}

/** `s.replace(/\]\([^)]*\)/g, by)`: the destinations of inline links, in one pass. */
export function replaceLinkDestinations(s: string, by: string): string {
  let out = '';
  let i = 0;
  let paren = -1;
  for (let p = s.indexOf('](', 0); p >= 0; p = s.indexOf('](', p + 1)) {
    if (p < i) continue;
    if (paren < p + 2) paren = s.indexOf(')', p + 2);
    if (paren < 0) break;
    out += s.slice(i, p) + by;
    i = paren + 1;
  }
  return out + s.slice(i);
}

/**
 * `s.replace(/\]\(([^)\s]+)\)/g, (m, target) => f(m, target))` in one pass (the callback decides,
 * e.g. to keep absolute targets).
 */
export function mapLinkTargets(s: string, f: (match: string, target: string) => string): string {
  let out = '';
  let i = 0;
  let stop = -1; // the first ')' or whitespace at or after the candidate's target
  const isStop = (c: number): boolean => c === 0x29 || /\s/.test(String.fromCharCode(c));
  for (let p = s.indexOf('](', 0); p >= 0; p = s.indexOf('](', p + 1)) {
    if (p < i) continue;
    if (stop < p + 2) {
      stop = p + 2;
      while (stop < s.length && !isStop(s.charCodeAt(stop))) stop++;
    }
    if (stop === p + 2 || s.charCodeAt(stop) !== 0x29) continue;
    out += s.slice(i, p) + f(s.slice(p, stop + 1), s.slice(p + 2, stop));
    i = stop + 1;
  }
  return out + s.slice(i);
}

/** `s.replace(/\s+#.*$/, '')` for a line without line terminators: drops a ` # comment`. */
export function withoutLineComment(s: string): string {
  for (let h = s.indexOf('#'); h >= 0; h = s.indexOf('#', h + 1)) {
    if (h === 0 || !/\s/.test(s[h - 1]!)) continue;
    let start = h - 1;
    while (start > 0 && /\s/.test(s[start - 1]!)) start--;
    return s.slice(0, start);
  }
  return s;
}
