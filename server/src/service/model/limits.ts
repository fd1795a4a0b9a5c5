/**
 * Limits on what the markdown parser is given. remark (micromark) slows down superlinearly on
 * shapes a hostile document can take cheaply, and one chunk is parsed in one synchronous call
 * (nothing else runs meanwhile):
 *
 * - one long paragraph: 80,000 characters of `*e* a ` took seconds, a 1 MB line did not finish
 *   in 90 s (MAX_BLOCK_CHARS);
 * - nested containers: every line pays for every container open around it, and the parser and
 *   tree walks recurse per level: 10 KB of `>` overflowed the stack, 20 KB of list markers took
 *   minutes (MAX_DEPTH, MAX_NESTING_COST);
 * - emphasis delimiters that never match (`*a_ *a_ …`): resolving them is quadratic in their
 *   number within one paragraph: 16 KB took 10 s, 95 KB minutes (MAX_EMPHASIS_WORK);
 * - one chunk that cannot be cut (a list running through the whole document) (MAX_CHUNK_CHARS).
 *
 * Each is checked by a linear scan before the parser sees the chunk; a chunk over a limit is not
 * parsed and the document is not analysed: the user is told why (document-too-large).
 * Measured figures: README "Hostile documents"; shapes: test/protocol/hostile.test.ts.
 */
export const MAX_BLOCK_CHARS = 100_000;
/** containers (`>`, list items) open on one line */
export const MAX_DEPTH = 64;
/** Σ depth² over the lines of a chunk (a line's cost grows with the square of its depth) */
export const MAX_NESTING_COST = 400_000;
/**
 * work of matching emphasis delimiters (`*`, `_`, `~`) in one paragraph: every closer scans back
 * over the openers still unmatched (see `EmphasisWork`)
 */
export const MAX_EMPHASIS_WORK = 200_000;
/**
 * inline markers (runs of `*`, `_`, `~` or backticks, and brackets) in one paragraph: even when
 * they pair up, micromark's work grows faster than their number (19,000 of them, 57 KB of
 * `*e* a `, took 9 s)
 */
export const MAX_INLINE_MARKERS = 8_000;
/** one chunk (the text between two places where the document can be cut) */
export const MAX_CHUNK_CHARS = 1_000_000;

/** A chunk is over one of the limits: the document is not analysed. */
export class BlockTooLongError extends Error {
  constructor(readonly length: number, readonly reason = `a block of ${length.toLocaleString('en')} characters without a blank line is more than the parser handles in good time (${MAX_BLOCK_CHARS.toLocaleString('en')})`) {
    super(reason);
    this.name = 'BlockTooLongError';
  }
}

/**
 * Length of the longest run of non-blank lines (what one paragraph can span), in characters,
 * in `text` or in its part `[from, to)` (which starts at a line start).
 */
export function longestBlock(text: string, from = 0, to = text.length): number {
  let longest = 0;
  let blockStart = -1; // where the current run of non-blank lines starts; -1 outside one
  let lineStart = from;
  let lineBlank = true;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 10;
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) {
      if (lineBlank) blockStart = -1;
      else {
        if (blockStart < 0) blockStart = lineStart;
        longest = Math.max(longest, i - blockStart);
      }
      lineStart = i + 1;
      lineBlank = true;
    } else if (c !== 32 && c !== 9) lineBlank = false;
  }
  return longest;
}

const SPACE = 32;
const TAB = 9;
const GT = 62;

/** What the container prefix of one line holds: `>` and list markers, and how far it is indented. */
interface Prefix {
  /** `>` and list markers */
  openers: number;
  /** columns of whitespace in the prefix (tabs count 4) */
  indent: number;
  /** a list item starts here (a marker followed by content): a new paragraph */
  item: boolean;
  /** where the line's content starts */
  end: number;
  /** indentation of the content (from the line start) */
  column: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Reads the leading run of whitespace, `>` and list markers (`-`, `*`, `+`, `1.`, `1)`) of a line. */
function readPrefix(text: string, start: number, end: number): Prefix {
  let i = start;
  let openers = 0;
  let indent = 0;
  let item = false;
  let column = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) {
      const w = c === TAB ? 4 : 1;
      indent += w;
      column += w;
      i++;
      continue;
    }
    if (c === GT) {
      openers++;
      column++;
      i++;
      continue;
    }
    let j = i;
    if (c === 45 || c === 42 || c === 43) j = i + 1;
    else if (isDigit(c)) {
      while (j < end && j - i < 9 && isDigit(text.charCodeAt(j))) j++;
      const d = text.charCodeAt(j);
      j = d === 46 || d === 41 ? j + 1 : i;
    }
    // a marker is followed by whitespace or the end of the line
    const after = text.charCodeAt(j);
    if (j > i && (j >= end || after === SPACE || after === TAB)) {
      openers++;
      column += j - i;
      i = j;
      let k = i;
      while (k < end && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
      if (k < end) item = true;
      continue;
    }
    break;
  }
  return { openers, indent, item, end: i, column };
}

/**
 * Why the parser must not be given `text[from, to)` (a chunk, starting at a line start), or
 * undefined when it may. Linear in the chunk's length.
 */
export function chunkRefusal(text: string, from: number, to: number, maxBlock = MAX_BLOCK_CHARS): string | undefined {
  if (to - from > maxBlock) {
    const block = longestBlock(text, from, to);
    if (block > maxBlock) return new BlockTooLongError(block).reason;
  }
  if (to - from > MAX_CHUNK_CHARS) {
    return `a part of ${(to - from).toLocaleString('en')} characters that cannot be parsed in pieces (one list or quote running through it) is more than the parser handles in good time (${MAX_CHUNK_CHARS.toLocaleString('en')})`;
  }
  let cost = 0;
  const emphasis = new EmphasisWork();
  let lastContentColumn = 0;
  let fence: { char: number; len: number; indent: number } | undefined;
  let pos = from;
  while (pos < to) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > to) nl = to;
    const p = readPrefix(text, pos, nl);
    // inside fenced code, indentation past the fence's is text, not containers
    const indent = fence ? Math.min(p.indent, fence.indent) : p.indent;
    const depth = p.openers + (indent >> 1);
    if (depth > MAX_DEPTH) return `nesting ${depth} levels deep (quotes, lists or indentation) is more than the parser handles safely (${MAX_DEPTH})`;
    cost += depth * depth;
    if (cost > MAX_NESTING_COST) return `nested quotes and lists this deep over this many lines are more than the parser handles in good time`;
    let e = nl;
    while (e > p.end && (text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === SPACE || text.charCodeAt(e - 1) === TAB)) e--;
    const blank = e <= p.end;
    // a new paragraph: a blank line, or a list item at most 3 columns right of the last content
    // (further right it is a paragraph's continuation, and counts with it)
    if (blank || (p.item && p.indent <= lastContentColumn + 3)) emphasis.reset();
    if (!blank) lastContentColumn = p.column;
    const c0 = text.charCodeAt(p.end);
    if (fence) {
      if (c0 === fence.char && fenceLength(text, p.end, e) >= fence.len) fence = undefined;
    } else if ((c0 === 96 || c0 === 126) && fenceLength(text, p.end, e) >= 3) {
      fence = { char: c0, len: fenceLength(text, p.end, e), indent: p.indent };
    } else {
      if (emphasis.line(text, p.end, e) > MAX_EMPHASIS_WORK) return `a paragraph of emphasis characters (\`*\`, \`_\`, \`~\`) that do not pair up is more than the parser handles in good time`;
      if (emphasis.markers > MAX_INLINE_MARKERS) return `a paragraph with more than ${MAX_INLINE_MARKERS.toLocaleString('en')} emphasis marks, brackets and backticks is more than the parser handles in good time`;
    }
    pos = nl + 1;
  }
  return undefined;
}

function fenceLength(text: string, start: number, end: number): number {
  const c = text.charCodeAt(start);
  let i = start;
  while (i < end && text.charCodeAt(i) === c) i++;
  return i - start;
}

const isBlankChar = (c: number): boolean => c === SPACE || c === TAB || Number.isNaN(c) || c === 10 || c === 13;

/**
 * An estimate of what resolving emphasis costs micromark in one paragraph: a run of `*`, `_` or
 * `~` that can close (not preceded by whitespace) pairs with an open run of its character, if
 * any; otherwise it scans back over every run still open. Runs that pair up at once (`*e*`)
 * cost nothing; `*a_ *a_ …` costs the square of its length.
 */
class EmphasisWork {
  private readonly open = new Map<number, number>();
  private total = 0;
  work = 0;
  /** runs of `*`, `_`, `~` and backticks, and brackets */
  markers = 0;

  reset(): void {
    this.open.clear();
    this.total = 0;
    this.work = 0;
    this.markers = 0;
  }

  line(text: string, start: number, end: number): number {
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 91 || c === 93 || (c === 96 && text.charCodeAt(i - 1) !== 96)) this.markers++;
      if (c !== 42 && c !== 95 && c !== 126) continue;
      this.markers++;
      let j = i;
      while (j < end && text.charCodeAt(j) === c) j++;
      const canClose = i > start && !isBlankChar(text.charCodeAt(i - 1));
      const canOpen = j < end && !isBlankChar(text.charCodeAt(j));
      const open = this.open.get(c) ?? 0;
      if (canClose && open > 0) {
        this.open.set(c, open - 1);
        this.total--;
      } else {
        if (canClose) this.work += this.total;
        if (canOpen) {
          this.open.set(c, open + 1);
          this.total++;
        }
      }
      i = j - 1;
    }
    return this.work;
  }
}
