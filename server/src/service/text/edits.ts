import type { TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from './lineIndex';

/**
 * Applies LSP text edits to a text, the way an editor does (all ranges refer to the original
 * text). Overlapping edits are refused rather than producing corrupt text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e, i) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) throw new Error('overlapping edits');
    out += text.slice(pos, s.start) + s.newText;
    pos = s.end;
  }
  return out + text.slice(pos);
}
