/**
 * Linear-time scans that replace regular expressions which backtracked catastrophically on
 * hostile input (found by test/fuzz/regex.test.ts). Each keeps the exact result of the expression
 * it replaces, which is quoted above it.
 */

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * `/^\s*(TODO|DONE)\s+for\s+(.+?)\s*(:?)\s*$/i` (cubic in a run of spaces after the owner):
 * [whole, TODO|DONE, owner] or null.
 */
export function matchTodoMarker(text: string): [string, string, string] | null {
  const s = text.trim();
  const head = /^(TODO|DONE)\s+for\s/i.exec(s);
  if (!head) return null;
  let owner = s.slice(head[0].length).trimStart();
  // the lazy owner gives up trailing spaces, then one colon, then the spaces before it
  if (owner.endsWith(':') && owner.length > 1) owner = owner.slice(0, -1).trimEnd();
  // `.` does not cross a line break, and the owner has at least one character
  if (owner === '' || LINE_BREAK.test(owner)) return null;
  return [text, head[1]!, owner];
}

/** `/<!--([\s\S]*?)-->/g` (quadratic on many `<!--` without a close): [start, end, body]. */
export function htmlComments(raw: string): Array<{ start: number; end: number; body: string }> {
  const out: Array<{ start: number; end: number; body: string }> = [];
  let pos = 0;
  for (;;) {
    const open = raw.indexOf('<!--', pos);
    if (open < 0) break;
    const close = raw.indexOf('-->', open + 4);
    // no later opening can find a close either
    if (close < 0) break;
    out.push({ start: open, end: close + 3, body: raw.slice(open + 4, close) });
    pos = close + 3;
  }
  return out;
}

/**
 * `/\[([^\]\n]*)\]\(([^)\n]*\s[^)\n]*)\)/g` (quadratic on many `[` or on a long target without
 * `)`): for each match, the offset of the target in `raw` and the target.
 */
export function unparsedLinkTargets(raw: string): Array<{ start: number; target: string }> {
  const out: Array<{ start: number; target: string }> = [];
  // a label is the text after the last `[` before `](` with no `]` or line feed in it
  const opener = /\[[^[\]\n]*\]\(/g;
  let nextClose = -2; // first `)` at or after the last query; -1: none left
  const closeFrom = (from: number): number => {
    if (nextClose === -1 || nextClose >= from) return nextClose;
    nextClose = raw.indexOf(')', from);
    return nextClose;
  };
  // prefix counts of whitespace and line feeds, built on first use
  let spaces: Int32Array | undefined;
  let feeds: Int32Array | undefined;
  const counts = (): void => {
    spaces = new Int32Array(raw.length + 1);
    feeds = new Int32Array(raw.length + 1);
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i]!;
      spaces[i + 1] = spaces[i]! + (isSpace(ch) ? 1 : 0);
      feeds[i + 1] = feeds[i]! + (ch === '\n' ? 1 : 0);
    }
  };
  for (let m = opener.exec(raw); m; m = opener.exec(raw)) {
    const start = m.index + m[0].length;
    const close = closeFrom(start);
    if (close < 0) break;
    if (!spaces) counts();
    // the target: no `)`, at most one line feed (and then the required whitespace is that one), some whitespace
    const nl = feeds![close]! - feeds![start]!;
    if (nl > 1 || spaces![close]! - spaces![start]! === 0) {
      opener.lastIndex = start;
      continue;
    }
    out.push({ start, target: raw.slice(start, close) });
    opener.lastIndex = close + 1;
  }
  return out;
}
