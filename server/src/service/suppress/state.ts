/**
 * Which codes are off on which line, from the directives, with markdownlint's semantics: the
 * `-file` directives set the starting state wherever they are written; `disable` / `enable` /
 * `restore` change it from the comment's line on (that line included: the state after a line's
 * comments is the line's); `disable-line` and `disable-next-line` add to one line's state.
 */
import { ALL_CODES, type DiagnosticCode } from '../codes';
import { partitionPoint } from '../text/binarySearch';
import type { Directive } from './directives';

type Off = ReadonlySet<DiagnosticCode>;

export interface LineSuppressions {
  /** whether a finding of `code` that starts on `line` (0-based) is suppressed */
  suppressed(code: DiagnosticCode, line: number): boolean;
}

const NONE: LineSuppressions = { suppressed: () => false };

function apply(off: Off, d: Directive, disable: boolean): Off {
  const next = new Set(off);
  for (const code of d.codes === 'all' ? ALL_CODES : d.codes) {
    if (disable) next.add(code);
    else next.delete(code);
  }
  return next;
}

export function lineSuppressions(directives: readonly Directive[]): LineSuppressions {
  if (!directives.some((d) => d.action !== 'configure-file')) return NONE;
  let start: Off = new Set();
  for (const d of directives) {
    if (d.action === 'disable-file' || d.action === 'enable-file') start = apply(start, d, d.action === 'disable-file');
  }
  // the state from each line on, in line order (several on one line: the last is the line's)
  const changes: Array<{ line: number; off: Off }> = [];
  let current = start;
  let captured = start;
  const byLine = new Map<number, Off>();
  const addToLine = (line: number, d: Directive): void => {
    byLine.set(line, apply(byLine.get(line) ?? new Set(), d, true));
  };
  for (const d of directives) {
    switch (d.action) {
      case 'capture':
        captured = current;
        break;
      case 'restore':
        current = captured;
        changes.push({ line: d.line, off: current });
        break;
      case 'disable':
      case 'enable':
        current = apply(current, d, d.action === 'disable');
        changes.push({ line: d.line, off: current });
        break;
      case 'disable-line':
        for (let l = d.line; l <= d.endLine; l++) addToLine(l, d);
        break;
      case 'disable-next-line':
        addToLine(d.endLine + 1, d);
        break;
      default:
        break;
    }
  }
  return {
    suppressed(code, line) {
      if (byLine.get(line)?.has(code)) return true;
      const i = partitionPoint(changes, (c) => c.line <= line) - 1;
      return (i >= 0 ? changes[i]!.off : start).has(code);
    },
  };
}
