/**
 * Catastrophic-backtracking check for regular expressions: a dynamic test, not a proof.
 *
 * Every regular-expression literal in the core is found with the TypeScript parser (so none can
 * be forgotten), and attack strings are generated from the expression itself: prefixes (nothing,
 * or the expression's literal "skeleton"), pumps (each character the expression mentions or
 * admits, each literal run, pairs of these) and suffixes that make a match fail. Each attack is
 * run the way the code runs expressions (every match of a global scan). A short screen picks the
 * slowest attack per expression; that attack is then timed on 50 KB and 100 KB: linear work
 * doubles (ratio ≈ 2), quadratic work quadruples (≈ 4). Timings below a floor are too small to
 * be superlinear at that size and pass as they are.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export interface FoundRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
}

export function findRegexLiterals(files: string[]): FoundRegex[] {
  const out: FoundRegex[] = [];
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const slash = text.lastIndexOf('/');
        out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, source: text.slice(1, slash), flags: text.slice(slash + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** Characters and literal runs an expression mentions, and a skeleton string of its literals. */
export function regexVocabulary(source: string): { atoms: string[]; runs: string[]; skeleton: string } {
  const atoms = new Set<string>([' ', '\t', '\n', 'a', 'A', '1', '-', '!', '<', '>', '[', ']', '(', ')', '/', '*', '#', '"', ':']);
  const runs: string[] = [];
  let skeleton = '';
  let run = '';
  const endRun = (): void => {
    if (run.length > 1) runs.push(run);
    run = '';
  };
  const classRep: Record<string, string[]> = { s: [' ', '\t', '\n'], S: ['a', '-'], d: ['1'], D: ['a'], w: ['a', '_'], W: [' ', '-'], b: [], B: [], p: ['a'], P: [' '] };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      const e = source[++i] ?? '';
      if (e in classRep) {
        endRun();
        for (const r of classRep[e]!) atoms.add(r);
        if (e === 'p' || e === 'P') i = source.indexOf('}', i);
        skeleton += classRep[e]![0] ?? '';
        if (e === 's') run = ' ';
        continue;
      }
      const lit = e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
      atoms.add(lit);
      run += lit;
      skeleton += lit;
      continue;
    }
    if (ch === '[') {
      endRun();
      let j = i + 1;
      const negated = source[j] === '^';
      if (negated) j++;
      const members: string[] = [];
      for (; j < source.length && source[j] !== ']'; j++) {
        let c = source[j]!;
        if (c === '\\') {
          const e = source[++j] ?? '';
          if (e in classRep) { members.push(...classRep[e]!); if (e === 'p' || e === 'P') j = source.indexOf('}', j); continue; }
          c = e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        }
        members.push(c);
      }
      i = j;
      for (const m of members) atoms.add(m);
      skeleton += negated ? 'a' : (members[0] ?? 'a');
      continue;
    }
    if (ch === '|') {
      // the skeleton follows the first branch only: skip to the end of the group
      let depth = 0;
      let j = i + 1;
      for (; j < source.length; j++) {
        const c = source[j]!;
        if (c === '\\') { j++; continue; }
        if (c === '[') { j = source.indexOf(']', j + 1); continue; }
        if (c === '(') depth++;
        else if (c === ')') { if (depth === 0) break; depth--; }
      }
      // the branches' characters stay in the vocabulary
      for (const c of source.slice(i + 1, j)) if (!'()|?*+{}^$.\\'.includes(c)) atoms.add(c);
      i = j - 1;
      endRun();
      continue;
    }
    if ('()?*+{}^$.'.includes(ch)) {
      if (ch === '{') i = source.indexOf('}', i);
      if (ch === '(' && source[i + 1] === '?') {
        i++;
        if (source[i + 1] === '<' && source[i + 2] !== '=' && source[i + 2] !== '!') i = source.indexOf('>', i);
        else i++;
      }
      if (ch === '.') { atoms.add('a'); skeleton += 'a'; }
      endRun();
      continue;
    }
    atoms.add(ch);
    run += ch;
    skeleton += ch;
  }
  endRun();
  return { atoms: [...atoms], runs, skeleton };
}

export interface Attack {
  prefix: string;
  pump: string;
  suffix: string;
}

export function attackString(a: Attack, size: number): string {
  const n = Math.max(1, Math.floor((size - a.prefix.length - a.suffix.length) / a.pump.length));
  return a.prefix + a.pump.repeat(n) + a.suffix;
}

/** Runs the expression over the whole input as a global scan; returns milliseconds. */
export function timeScan(re: RegExp, input: string): number {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  const t0 = performance.now();
  let guard = 0;
  for (let m = g.exec(input); m && guard < 1e7; m = g.exec(input), guard++) {
    if (m[0] === '') g.lastIndex++;
  }
  return performance.now() - t0;
}

export function attacksFor(source: string): Attack[] {
  const { atoms, runs, skeleton } = regexVocabulary(source);
  const pumps = new Set<string>([...atoms, ...runs, ...runs.map((r) => r + ' '), ...runs.map((r) => ' ' + r)]);
  // the expression's own characters first (the defaults come first in the set: skip them)
  const own = atoms.slice(19);
  const few = [...own.slice(0, 12), ' ', 'a', '\n', '<', '['];
  for (const a of few) for (const b of few) if (a !== b) pumps.add(a + b);
  for (const a of own.slice(0, 16)) {
    pumps.add(' ' + a + 'a');
    pumps.add(a + 'a ');
  }
  const prefixes = ['', skeleton.slice(0, 60), ...runs.slice(0, 3).map((r) => r + ' a')];
  const suffixes = ['', '!', '\n!', '\u0000'];
  const out: Attack[] = [];
  for (const prefix of new Set(prefixes)) for (const pump of pumps) for (const suffix of suffixes) out.push({ prefix, pump, suffix });
  return out;
}

export interface Measured {
  attack: Attack;
  t50: number;
  t100: number;
  ratio: number;
}

/**
 * The slowest attack of a short screen, timed at 50 KB and 100 KB (best of `repeats`). Throws
 * when a screen already takes over `screenLimitMs` (cubic or worse would never finish at 100 KB).
 */
export function measure(re: RegExp, repeats = 3, screenLimitMs = 500, candidates = 3): Measured {
  const screened: Array<{ attack: Attack; t: number }> = [];
  for (const attack of attacksFor(re.source)) {
    const t = timeScan(re, attackString(attack, 4000));
    if (t > screenLimitMs) throw new Error(`/${re.source}/${re.flags}: ${t.toFixed(0)} ms on only 4 KB (${JSON.stringify(attack)})`);
    screened.push({ attack, t });
  }
  screened.sort((a, b) => b.t - a.t);
  let worst: Measured | undefined;
  for (const { attack } of screened.slice(0, candidates)) {
    const m = measureAttack(re, attack, repeats);
    if (!worst || m.ratio * Math.min(1, m.t100) > worst.ratio * Math.min(1, worst.t100)) worst = m;
    if (m.t100 === Infinity) break;
  }
  return worst!;
}

export function measureAttack(re: RegExp, attack: Attack, repeats = 3): Measured {
  const best = (size: number): number => {
    const input = attackString(attack, size);
    let min = Infinity;
    for (let i = 0; i < repeats; i++) min = Math.min(min, timeScan(re, input));
    return min;
  };
  const t50 = best(50_000);
  // already seconds on 50 KB: no need to wait for 100 KB to know
  const t100 = t50 > 2000 ? Infinity : best(100_000);
  return { attack, t50, t100, ratio: t100 / Math.max(t50, 1e-3) };
}
