/**
 * A new interview file from the TOC's adopter questions template (read at run time, never kept in
 * our sources): the front matter the tracker reads, a title, and the template's questions from
 * its "Questions" heading on, each followed by a place for the answer. The same inputs give the
 * same text; the host never overwrites an existing file.
 */
import { INTERVIEW_MARKER } from './file';

export interface ScaffoldInput {
  /** the questions template's text */
  template: string;
  project: string;
  organisation: string;
  anonymous: boolean;
  /** YYYY-MM-DD: the request date */
  date: string;
  interviewer: string;
  /** names already taken in the folder (an anonymous file takes the next free number) */
  existing?: readonly string[];
}

export interface Scaffold {
  fileName: string;
  text: string;
  /** the template had no numbered question: only the front matter and title were written */
  noQuestions: boolean;
}

/** lower-case words joined by hyphens: a file-name part */
export function slug(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, 60).replace(/-$/, '');
}

/** A front-matter value: quoted when YAML would read it otherwise; one line. */
function yamlValue(s: string): string {
  const t = s.replace(/[\r\n]+/g, ' ').trim();
  if (t === '' || /^[\w .,'()/&+-]*$/.test(t) && !/^['-]|:|\s#/.test(t)) return t;
  return `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Markdown text that reads as itself in a heading. */
function inlineText(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/([\\`*_[\]<>#|$!])/g, '\\$1');
}

/** The template's questions part: from its "Questions" heading (else its first numbered item) on. */
export function questionsPart(template: string): string {
  const text = template.replace(/\r\n/g, '\n');
  const first = /^ {0,3}\d{1,3}[.)][ \t]/m.exec(text);
  if (!first) return '';
  // the last "…questions…" heading before the first question (not the template's title)
  let from = first.index;
  for (const h of text.slice(0, first.index).matchAll(/^#{1,6}[ \t][^\n]*\bquestions\b/gim)) from = h.index;
  return text.slice(from);
}

const ANSWER = '   <!-- answer -->';

/** Each numbered question followed by the answer's place (a comment, not an answer). */
function withAnswerPlaces(part: string, project: string): string {
  const out: string[] = [];
  let fence = false;
  for (const line of part.split('\n')) {
    if (/^ {0,3}(?:```|~~~)/.test(line)) fence = !fence;
    out.push(line.replace(/\$PROJECT\b/g, project));
    if (!fence && /^ {0,3}\d{1,3}[.)][ \t]+\S/.test(line)) out.push('', ANSWER);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function anonymousName(projectSlug: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((e) => e.toLowerCase()));
  for (let n = 1; ; n++) {
    const name = `${projectSlug}-adopter-interview-anonymous-${n}.md`;
    if (!taken.has(name)) return name;
  }
}

/** The file's name: `<project>-adopter-interview-<org>.md` (anonymous: `…-anonymous-N.md`). */
export function interviewFileName(project: string, organisation: string, anonymous: boolean, existing: readonly string[] = []): string {
  const p = slug(project) || 'project';
  return anonymous ? anonymousName(p, existing) : `${p}-adopter-interview-${slug(organisation) || 'adopter'}.md`;
}

export function scaffoldInterview(input: ScaffoldInput): Scaffold {
  const part = questionsPart(input.template);
  const project = input.project.trim() || '$PROJECT';
  const front = [
    '---',
    `diligence: ${INTERVIEW_MARKER}`,
    `project: ${yamlValue(project)}`,
    `organisation: ${yamlValue(input.organisation)}`,
    `anonymous: ${input.anonymous ? 'true' : 'false'}`,
    'industry:',
    '# requested | held | summary-drafted | approved',
    'state: requested',
    `requested: ${input.date}`,
    'held:',
    'summary-sent:',
    'approved:',
    `interviewer: ${yamlValue(input.interviewer)}`,
    'interviewees:',
    '---',
  ];
  const who = input.anonymous ? 'anonymous adopter' : inlineText(input.organisation);
  const body = [
    '',
    `# ${inlineText(project)} adopter interview: ${who}`,
    '',
    '<!-- Notes stay private until the adopter approves the summary (state: approved). -->',
    '',
  ];
  const text = [...front, ...body].join('\n') + (part ? withAnswerPlaces(part, inlineText(project)) : '');
  return { fileName: interviewFileName(project, input.organisation, input.anonymous, input.existing), text, noQuestions: part === '' };
}

export interface PlannedInterview {
  uri: string;
  fileName: string;
  text: string;
  created: boolean;
}

/**
 * A new interview beside the document, or the one already there: an interview file of the same
 * organisation (its front matter says so) or of the same name is kept as it is (idempotent).
 */
export function planInterview(folder: string, existing: ReadonlyArray<{ uri: string; text: string; organisation: string }>, input: ScaffoldInput): PlannedInterview {
  const org = input.organisation.trim().toLowerCase();
  const same = existing.find((e) => e.organisation.trim().toLowerCase() === org && org !== '');
  const names = existing.map((e) => e.uri.slice(e.uri.lastIndexOf('/') + 1));
  const s = scaffoldInterview({ ...input, existing: [...(input.existing ?? []), ...names] });
  const byName = existing.find((e) => e.uri === folder + encodeURIComponent(s.fileName));
  const kept = same ?? byName;
  if (kept) return { uri: kept.uri, fileName: kept.uri.slice(kept.uri.lastIndexOf('/') + 1), text: kept.text, created: false };
  return { uri: folder + encodeURIComponent(s.fileName), fileName: s.fileName, text: s.text, created: true };
}
