/**
 * Adopter interview files: markdown beside the due diligence (`<project>-adopter-interview-<org>.md`
 * and similar names) that record one interview. Recognised cheaply first (the name, then the first
 * few KB), then read: a small front matter the scaffold writes (organisation, anonymity, state and
 * its dates, interviewer, interviewees) and the numbered questions with their answers. A README of
 * a cloned repository is never one: its name says nothing of an interview and it has no marker.
 */
import { keyValue } from '../model/frontMatter';
import { trimEndChars } from '../text/trim';
import type { Span } from '../text/span';

export const INTERVIEW_MARKER = 'adopter-interview';
/** the largest interview file read (characters); larger ones are not interviews we lint */
export const MAX_INTERVIEW_SIZE = 256 * 1024;
/** at most this many interview files per document folder */
export const MAX_INTERVIEW_FILES = 50;

export type InterviewState = 'requested' | 'held' | 'summary-drafted' | 'approved';
export const INTERVIEW_STATES: readonly InterviewState[] = ['requested', 'held', 'summary-drafted', 'approved'];

export interface InterviewQuestion {
  /** its number as written */
  number: number;
  /** the heading it sits under ('' before any) */
  section: string;
  text: string;
  /** the answer's text (comments left out), '' when unanswered */
  answer: string;
  span: Span;
}

export interface FrontField {
  value: string;
  /** the whole `key: value` line */
  span: Span;
}

export interface Interview {
  uri: string;
  fileName: string;
  /** front-matter fields by lower-case key */
  fields: Map<string, FrontField>;
  organisation: string;
  anonymous: boolean;
  industry: string;
  state: InterviewState;
  /** the `state:` value was not one we know (then `requested` is assumed) */
  unknownState?: string;
  /** YYYY-MM-DD dates (undefined: not given or not a date) */
  requested?: string;
  held?: string;
  summarySent?: string;
  approved?: string;
  interviewer: string;
  interviewees: string[];
  /** where the markdown starts (after the front matter) */
  bodyStart: number;
  questions: InterviewQuestion[];
}

const NAME = /(?:^|[-_.\s])(?:adopters?[-_\s]?)?interview(?:s|[-_.\s]|$)/i;

export function baseName(uri: string): string {
  const cut = uri.search(/[?#]/);
  const path = cut < 0 ? uri : uri.slice(0, cut);
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Whether a file's name may be an interview's (`*.md` naming an interview). */
export function isInterviewName(name: string): boolean {
  return /\.(?:md|markdown)$/i.test(name) && NAME.test(name.replace(/\.(?:md|markdown)$/i, ''));
}

function frontBlock(text: string): { lines: Array<{ text: string; start: number; end: number }>; end: number } | undefined {
  const m = /^(?:\uFEFF)?---\r?\n/.exec(text);
  if (!m) return undefined;
  const lines: Array<{ text: string; start: number; end: number }> = [];
  let pos = m[0].length;
  while (pos < text.length && lines.length < 200) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, '');
    const start = pos;
    pos = Math.min(text.length, nl + 1);
    if (/^(---|\.\.\.)\s*$/.test(line)) return { lines, end: pos };
    lines.push({ text: line, start, end: start + line.length });
  }
  return undefined;
}

/** The marker the scaffold writes, in the first lines of the front matter. */
function hasMarker(head: string): boolean {
  return /^---\r?\n(?:[^\n]*\n){0,40}?diligence[ \t]*:[ \t]*['"]?adopter-interview\b/.test(head.replace(/^\uFEFF/, ''));
}

/**
 * Whether a text is an adopter interview, by a bounded scan: the scaffold's marker; or an
 * interview's name with a heading that says interview and a numbered question.
 */
export function looksLikeInterview(uri: string, text: string): boolean {
  if (text.length > MAX_INTERVIEW_SIZE) return false;
  const head = text.slice(0, 4096);
  if (hasMarker(head)) return true;
  if (!isInterviewName(baseName(uri))) return false;
  return /^#{1,3}[ \t][^\n]*interview/im.test(head) && /^ {0,3}\d{1,3}[.)][ \t][^\n]*\?[ \t]*$/m.test(text.slice(0, 32_768));
}

const ISO_DATE = /^\d{4}-\d\d-\d\d$/;
const dateOf = (v: string | undefined): string | undefined => (v && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);
const unquote = (s: string): string => (/^(['"]).*\1$/.test(s) ? s.slice(1, -1) : s).trim();

function readFields(text: string): { fields: Map<string, FrontField>; end: number } {
  const fields = new Map<string, FrontField>();
  const b = frontBlock(text);
  if (!b) return { fields, end: 0 };
  for (const line of b.lines) {
    const kv = keyValue(line.text);
    if (kv && !fields.has(kv.key.toLowerCase())) fields.set(kv.key.toLowerCase(), { value: quoted(line.text) ?? unquote(kv.value), span: { start: line.start, end: line.end } });
  }
  return { fields, end: b.end };
}

/** A double-quoted value (`key: "a # b"`), which may hold a `#`; undefined for any other. */
function quoted(line: string): string | undefined {
  const rest = line.slice(line.indexOf(':') + 1).trimStart();
  if (!rest.startsWith('"')) return undefined;
  let out = '';
  for (let i = 1; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '"') return out;
    if (c === '\\' && i + 1 < rest.length) out += rest[++i];
    else out += c;
  }
  return undefined;
}

/** The text without its HTML comments (an unclosed one runs to the end), in one linear pass. */
export function withoutComments(s: string): string {
  let out = '';
  let from = 0;
  for (let open = s.indexOf('<!--'); open >= 0; open = s.indexOf('<!--', from)) {
    out += s.slice(from, open) + ' ';
    const close = s.indexOf('-->', open + 4);
    if (close < 0) return out;
    from = close + 3;
  }
  return out + s.slice(from);
}

/** The numbered questions after `from`, each with the lines up to the next question or heading. */
export function readQuestions(text: string, from: number): InterviewQuestion[] {
  const out: InterviewQuestion[] = [];
  let section = '';
  let current: { q: InterviewQuestion; answer: string[] } | undefined;
  const close = (): void => {
    if (!current) return;
    current.q.answer = withoutComments(current.answer.join('\n')).trim();
    out.push(current.q);
    current = undefined;
  };
  let pos = from;
  let fence = false;
  while (pos < text.length && out.length < 500) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, '');
    const start = pos;
    pos = nl + 1;
    if (/^ {0,3}(?:```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? null : /^ {0,3}#{1,6}[ \t](.*)$/.exec(line);
    const question = fence || heading ? null : /^ {0,3}(\d{1,3})[.)][ \t](.*)$/.exec(line);
    if (heading) {
      close();
      section = trimEndChars(heading[1]!, ' \t#').trim();
    } else if (question && question[2]!.trim() !== '') {
      close();
      current = { q: { number: Number(question[1]), section, text: question[2]!.trim(), answer: '', span: { start, end: start + line.length } }, answer: [] };
    } else if (current) {
      current.answer.push(line);
    }
  }
  close();
  return out;
}

/** An interview file read: its front matter and questions. */
export function parseInterview(uri: string, text: string): Interview {
  const { fields, end } = readFields(text);
  const get = (k: string): string => fields.get(k)?.value ?? '';
  const rawState = get('state').toLowerCase().replace(/[\s_]+/g, '-');
  const state = (INTERVIEW_STATES as readonly string[]).includes(rawState) ? (rawState as InterviewState) : 'requested';
  const list = get('interviewees').replace(/^\[|\]$/g, '');
  const interviewees = list.split(/[,;]/).map(unquote).filter(Boolean);
  const iv: Interview = {
    uri,
    fileName: baseName(uri),
    fields,
    organisation: get('organisation') || get('organization'),
    anonymous: /^(?:true|yes)$/i.test(get('anonymous')),
    industry: get('industry'),
    state,
    interviewer: get('interviewer'),
    interviewees,
    bodyStart: end,
    questions: readQuestions(text, end),
  };
  if (rawState && rawState !== state) iv.unknownState = get('state');
  const dates: Array<[keyof Interview, string]> = [['requested', 'requested'], ['held', 'held'], ['summarySent', 'summary-sent'], ['approved', 'approved']];
  for (const [prop, key] of dates) {
    const d = dateOf(get(key));
    if (d) (iv as unknown as Record<string, string>)[prop] = d;
  }
  return iv;
}

/** Held: the interview took place (held, summary drafted, approved). */
export const wasHeld = (iv: Interview): boolean => iv.state !== 'requested';

/** How the interview is named in what we write: the organisation, or for an anonymous one its industry. */
export function publicName(iv: Interview): string {
  if (!iv.anonymous) return iv.organisation || iv.fileName;
  return iv.industry ? `an adopter in ${iv.industry}` : 'an anonymous adopter';
}
