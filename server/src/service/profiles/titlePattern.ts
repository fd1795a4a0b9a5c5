/**
 * `detect.titlePatterns` come from profile files, which a repository can ship: a pattern such as
 * `^(a+)+$` backtracks exponentially and hung the report. A pattern is refused when a repeated
 * group holds a repetition or an alternation (the shapes that backtrack exponentially), or when
 * it has more than four unbounded repetitions (polynomial); titles are matched on their first
 * 300 characters only (test/profiles/validate.test.ts).
 */

/** characters of a title a pattern is matched against */
export const MAX_TITLE_CHARS = 300;
const MAX_UNBOUNDED = 4;

interface Group {
  repeats: boolean;
  alternates: boolean;
}

/** Why the pattern is refused, or undefined when it is linear enough to run. */
export function titlePatternProblem(source: string): string | undefined {
  const stack: Group[] = [{ repeats: false, alternates: false }];
  let unbounded = 0;
  // the repetition that follows position i: '*', '+', '{n,}' or '{n,m}' with m > 1
  const repetitionAt = (i: number): { unbounded: boolean; length: number } | undefined => {
    const c = source[i];
    if (c === '*' || c === '+') return { unbounded: true, length: 1 };
    if (c !== '{') return undefined;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
    if (!m) return undefined;
    if (m[2] === undefined) return Number(m[1]) > 1 ? { unbounded: false, length: m[0].length } : undefined;
    if (m[3] === '') return { unbounded: true, length: m[0].length };
    return Number(m[3]) > 1 ? { unbounded: false, length: m[0].length } : undefined;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const top = stack[stack.length - 1]!;
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      // a class: up to its closing bracket (escapes included)
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      stack.push({ repeats: false, alternates: false });
    } else if (c === '|') {
      top.alternates = true;
    } else if (c === ')' && stack.length > 1) {
      const group = stack.pop()!;
      const rep = repetitionAt(i + 1);
      const parent = stack[stack.length - 1]!;
      if (rep) {
        if (group.repeats || group.alternates) return 'a repeated group that holds a repetition or an alternation (it can take exponential time)';
        if (rep.unbounded) unbounded++;
        parent.repeats = true;
        i += rep.length;
      } else if (group.repeats) parent.repeats = true;
    } else {
      const rep = repetitionAt(i);
      if (rep && i > 0) {
        top.repeats = true;
        if (rep.unbounded) unbounded++;
        i += rep.length - 1;
      }
    }
    if (unbounded > MAX_UNBOUNDED) return `more than ${MAX_UNBOUNDED} unbounded repetitions`;
  }
  return undefined;
}

/** The pattern as a case-insensitive regular expression, or undefined when it is invalid or refused. */
export function titlePattern(source: string): RegExp | undefined {
  if (titlePatternProblem(source) !== undefined) return undefined;
  try {
    return new RegExp(source, 'i');
  } catch {
    return undefined;
  }
}
