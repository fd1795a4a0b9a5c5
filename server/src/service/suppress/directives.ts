/**
 * The document's own suppression comments, as markdownlint reads its inline configuration:
 *
 *   <!-- diligence-disable CODE… -->            from this line on (no codes: every code)
 *   <!-- diligence-enable CODE… -->             from this line on
 *   <!-- diligence-disable-line CODE… -->       this line only
 *   <!-- diligence-disable-next-line CODE… -->  the line after the comment
 *   <!-- diligence-disable-file CODE… -->       the whole document, wherever it is written
 *   <!-- diligence-enable-file CODE… -->        the same, enabling
 *   <!-- diligence-capture -->, <!-- diligence-restore -->  save and restore the disable/enable state
 *   <!-- diligence-configure-file {JSON} -->    settings for this document (diagnostics only)
 *
 * Names and codes are read in any case, like markdownlint's. Only HTML comments the parser saw
 * as HTML are directives (the model's comments): text in a code block or a code span is not one. A directive naming an unknown code, an unknown
 * `diligence-…` word or configure-file JSON that cannot be used is itself a finding
 * (`directive-invalid`); it never stops the rest from applying.
 */
import { ALL_CODES, Code, type DiagnosticCode } from '../codes';
import type { Finding } from '../findings';
import type { DiligenceModel, Span } from '../model/types';

export const DIRECTIVE_ACTIONS = ['disable', 'enable', 'disable-line', 'disable-next-line', 'disable-file', 'enable-file', 'capture', 'restore', 'configure-file'] as const;
export type DirectiveAction = (typeof DIRECTIVE_ACTIONS)[number];

/** The longest configure-file JSON read (characters); longer is a `directive-invalid`. */
export const MAX_CONFIGURE_JSON = 8_192;
/** At most this many directives per document are read; the rest are reported once. */
export const MAX_DIRECTIVES = 2_000;

export interface Directive {
  action: DirectiveAction;
  /** the codes named ('all' when none is given); unknown codes are left out (and reported) */
  codes: readonly DiagnosticCode[] | 'all';
  /** configure-file: the parsed JSON object */
  config?: Record<string, unknown>;
  /** the comment, `<!--` to `-->` */
  span: Span;
  /** 0-based lines of the comment's start and end */
  line: number;
  endLine: number;
}

export interface DocumentDirectives {
  directives: Directive[];
  /** `directive-invalid` findings */
  problems: Finding[];
}

const KNOWN = new Set<string>(ALL_CODES);
const ACTIONS = new Set<string>(DIRECTIVE_ACTIONS);
/** what opens a directive: the word after `diligence-` up to a blank or the end */
const OPENER = /^diligence-([A-Za-z-]*)(?=\s|$)/i;

/** The directives of a document (its HTML comments), in document order. */
export function parseDirectives(model: DiligenceModel): DocumentDirectives {
  const directives: Directive[] = [];
  const problems: Finding[] = [];
  let overflow = false;
  const problem = (span: Span, message: string): void => {
    problems.push({ code: Code.directiveInvalid, span, message });
  };
  for (const comment of model.comments) {
    if (comment.kind !== 'other' || comment.text.slice(0, 10).toLowerCase() !== 'diligence-') continue;
    const m = OPENER.exec(comment.text);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    if (!ACTIONS.has(name)) {
      problem(comment.span, `Unknown directive "diligence-${m[1]}"${suggest(name, DIRECTIVE_ACTIONS, 'diligence-')}: it has no effect. Known: ${DIRECTIVE_ACTIONS.map((a) => `diligence-${a}`).join(', ')}`);
      continue;
    }
    if (directives.length >= MAX_DIRECTIVES) {
      if (!overflow) problem(comment.span, `More than ${MAX_DIRECTIVES} diligence directives: this one and those after it are not read`);
      overflow = true;
      continue;
    }
    const action = name as DirectiveAction;
    const rest = comment.text.slice(m[0].length);
    const line = model.lines.positionAt(comment.span.start).line;
    const endLine = model.lines.positionAt(comment.span.end).line;
    const base = { action, span: comment.span, line, endLine };
    if (action === 'configure-file') {
      const config = configureJson(rest, (msg) => problem(comment.span, msg));
      if (config) directives.push({ ...base, codes: 'all', config });
      continue;
    }
    if (action === 'capture' || action === 'restore') {
      if (rest.trim() !== '') problem(comment.span, `diligence-${action} takes no codes: "${shorten(rest.trim())}" is ignored`);
      directives.push({ ...base, codes: 'all' });
      continue;
    }
    const words = rest.split(/[\s,]+/).filter(Boolean);
    const codes: DiagnosticCode[] = [];
    for (const w of words) {
      const code = w.toLowerCase();
      if (KNOWN.has(code)) codes.push(code as DiagnosticCode);
      else problem(comment.span, `Unknown code "${shorten(w)}" in diligence-${action}${suggest(code, ALL_CODES, '')}: it is ignored`);
    }
    // codes given but none known: nothing to do (never "every code")
    if (words.length > 0 && codes.length === 0) continue;
    directives.push({ ...base, codes: words.length === 0 ? 'all' : codes });
  }
  return { directives, problems };
}

function configureJson(raw: string, report: (message: string) => void): Record<string, unknown> | undefined {
  const json = raw.trim();
  if (json === '') {
    report('diligence-configure-file without settings: write a JSON object, e.g. {"diagnostics": {"severity": {"todo": "off"}}}');
    return undefined;
  }
  if (json.length > MAX_CONFIGURE_JSON) {
    report(`diligence-configure-file: the JSON is ${json.length} characters, more than the ${MAX_CONFIGURE_JSON} read; it is ignored`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    report(`diligence-configure-file: not valid JSON (${e instanceof Error ? shorten(e.message, 120) : 'parse error'}); it is ignored`);
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    report('diligence-configure-file: expected a JSON object, e.g. {"diagnostics": {"severity": {"todo": "off"}}}; it is ignored');
    return undefined;
  }
  return parsed as Record<string, unknown>;
}

function shorten(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** ` (did you mean "X"?)` for the closest known word within two edits, else '' */
function suggest(word: string, known: readonly string[], prefix: string): string {
  if (word.length > 64) return '';
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(word, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean "${prefix}${best}"?)` : '';
}

/** Levenshtein distance of two short strings */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}
