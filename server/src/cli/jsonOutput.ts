/**
 * `check --format json`: the bytes of `JSON.stringify({ files }, null, 2)` and a line break,
 * written straight into one buffer. The generic serialiser's indentation work, and then encoding
 * one string of megabytes (two bytes a character as soon as a message has a curly quote), were
 * most of a run where nothing changed (3.7 MB of output for 41 documents). The codes,
 * severities and messages repeat from file to file: each is encoded once. A value of another
 * shape than the one written here (a code that is not a string, a range with more keys) goes
 * through JSON.stringify, so the bytes are always the same (test/cli/jsonOutput.test.ts).
 */

export interface JsonDiagnostic {
  code: unknown;
  severity: unknown;
  message: unknown;
  range: unknown;
}

export interface JsonFile {
  path: string;
  diagnostics: JsonDiagnostic[];
}

type Position = { line: number; character: number };

function isPosition(p: unknown): p is Position {
  if (typeof p !== 'object' || p === null) return false;
  const { line, character } = p as Record<string, unknown>;
  return Object.keys(p).length === 2 && Number.isSafeInteger(line) && Number.isSafeInteger(character) && !Object.is(line, -0) && !Object.is(character, -0);
}

const encoder = new TextEncoder();
const bytes = (s: string): Uint8Array => encoder.encode(s);

// the fixed pieces, as JSON.stringify(…, null, 2) lays a diagnostic out eight spaces in
const OPEN = bytes('{\n  "files": [\n');
const FILE = bytes('    {\n      "path": ');
const DIAGNOSTICS = bytes(',\n      "diagnostics": ');
const NONE = bytes('[]');
const LIST = bytes('[\n');
const FIRST = bytes('        {\n          "code": ');
const NEXT = bytes(',\n        {\n          "code": ');
const SEVERITY = bytes(',\n          "severity": ');
const MESSAGE = bytes(',\n          "message": ');
const START_LINE = bytes(',\n          "range": {\n            "start": {\n              "line": ');
const CHARACTER = bytes(',\n              "character": ');
const END_LINE = bytes('\n            },\n            "end": {\n              "line": ');
const END = bytes('\n            }\n          }\n        }');
const LIST_END = bytes('\n      ]');
const FILE_END = bytes('\n    }');
const COMMA = bytes(',\n');
const CLOSE = bytes('\n  ]\n}\n');

/** a string's JSON is kept for this many strings at most (the messages of one template repeat) */
const MAX_MEMO = 10_000;

/** A growing buffer. */
class Bytes {
  buf: Uint8Array = Buffer.allocUnsafe(64 * 1024);
  pos = 0;
  private readonly memo = new Map<string, Uint8Array>();

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  put(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** JSON.stringify(s), encoded */
  json(s: string): void {
    let b = this.memo.get(s);
    if (!b) {
      b = bytes(JSON.stringify(s));
      if (this.memo.size < MAX_MEMO) this.memo.set(s, b);
    }
    this.put(b);
  }

  /** a safe integer as JSON writes it */
  int(n: number): void {
    if (n < 0 || n > 0xffffffff) return this.put(bytes(String(n)));
    this.room(10);
    if (n === 0) {
      this.buf[this.pos++] = 48;
      return;
    }
    let digits = 0;
    for (let m = n; m > 0; m = Math.floor(m / 10)) digits++;
    for (let i = digits - 1, m = n; i >= 0; i--, m = Math.floor(m / 10)) this.buf[this.pos + i] = 48 + (m % 10);
    this.pos += digits;
  }
}

/** One diagnostic eight spaces in (after a comma and a line break unless `first`). */
function diagnostic(w: Bytes, d: JsonDiagnostic, first: boolean): void {
  const r = d.range as { start?: unknown; end?: unknown } | null;
  const plain = typeof d.code === 'string' && typeof d.severity === 'string' && typeof d.message === 'string' && Object.keys(d).length === 4
    && typeof r === 'object' && r !== null && Object.keys(r).length === 2 && isPosition(r.start) && isPosition(r.end);
  if (!plain) {
    if (!first) w.put(COMMA);
    w.put(bytes(`        ${JSON.stringify(d, null, 2).replace(/\n/g, '\n        ')}`));
    return;
  }
  const { start, end } = r as { start: Position; end: Position };
  w.put(first ? FIRST : NEXT);
  w.json(d.code as string);
  w.put(SEVERITY);
  w.json(d.severity as string);
  w.put(MESSAGE);
  w.json(d.message as string);
  w.put(START_LINE);
  w.int(start.line);
  w.put(CHARACTER);
  w.int(start.character);
  w.put(END_LINE);
  w.int(end.line);
  w.put(CHARACTER);
  w.int(end.character);
  w.put(END);
}

/** The whole document and its last line break, as UTF-8. */
export function filesJson(files: readonly JsonFile[]): Uint8Array {
  if (files.length === 0) return bytes(`${JSON.stringify({ files: [] }, null, 2)}\n`);
  const w = new Bytes();
  w.put(OPEN);
  files.forEach((f, i) => {
    if (i > 0) w.put(COMMA);
    w.put(FILE);
    w.put(bytes(JSON.stringify(f.path)));
    w.put(DIAGNOSTICS);
    if (f.diagnostics.length === 0) w.put(NONE);
    else {
      w.put(LIST);
      f.diagnostics.forEach((d, k) => diagnostic(w, d, k === 0));
      w.put(LIST_END);
    }
    w.put(FILE_END);
  });
  w.put(CLOSE);
  return w.buf.subarray(0, w.pos);
}
