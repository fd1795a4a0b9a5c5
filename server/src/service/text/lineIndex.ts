import type { Position, Range } from 'vscode-languageserver-types';
import { partitionPoint } from './binarySearch';
import type { Span } from './span';

/**
 * Offsets (JS string indices, i.e. UTF-16 code units, which is also what LSP positions count)
 * to line/character positions and back. Lines end at \n, \r\n or \r.
 */
export class LineIndex {
  /** offset at which each line starts */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // the common case, found by the engine's own search (several times faster than a loop)
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = Math.max(0, partitionPoint(this.lineStarts, (start) => start <= o) - 1);
    return { line, character: o - (this.lineStarts[line] ?? 0) };
  }

  /** Out-of-range positions are clamped into the document (never throws). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line] ?? 0;
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.lineStarts[line] ?? 0);
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line] ?? 0, this.lineEnd(line));
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  spanOf(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }

  /** The line break this document uses most (for inserted text). */
  get eol(): string {
    const crlf = this.text.indexOf('\r\n');
    return crlf >= 0 ? '\r\n' : '\n';
  }
}
