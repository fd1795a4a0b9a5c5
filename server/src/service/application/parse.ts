/**
 * An application issue (the body a project files in cncf/toc from the incubation or graduation
 * application template) read with the same model as a due diligence: the header fields, the
 * application-level and adoption assertions, and per criterion its checkbox, the project's
 * assertion (its own text: the template's words, comments and unfilled placeholders left out)
 * and the links in it. Alignment to the current DD template's criteria is in align.ts.
 */
import { analyseText } from '../model/index';
import type { DiligenceModel, LevelKind } from '../model/types';
import { githubRepoOf, inferRepositories } from '../profiles/repositories';
import { DEFAULT_CONFIG } from '../config';
import { isBoilerplate } from '../rules/evaluation';
import type { TemplateReference } from '../template/reference';
import { trimEndChars } from '../text/trim';

export interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

/** `owner/repo#N`, or an issue URL (`https://HOST/owner/repo/issues/N`). */
export function parseIssueRef(s: string): IssueRef | undefined {
  const t = s.trim();
  const short = /^([\w.-]+)\/([\w.-]+)#(\d{1,9})$/.exec(t);
  const url = /^https?:\/\/[^/\s]+\/([\w.-]+)\/([\w.-]+)\/(?:issues|pull)\/(\d{1,9})\/?(?:[#?]\S*)?$/.exec(t);
  const m = short ?? url;
  return m ? { owner: m[1]!, repo: m[2]!, number: Number(m[3]) } : undefined;
}

export const issueRefText = (r: IssueRef): string => `${r.owner}/${r.repo}#${r.number}`;

export interface ApplicationField {
  /** the label as written ("Project Repo(s)") */
  label: string;
  /** the value, list items below the label included ('' when the project left the placeholder) */
  value: string;
  urls: string[];
}

export interface ApplicationCriterion {
  /** index in the issue's model */
  index: number;
  /** 0-based line */
  line: number;
  title: string;
  area: string;
  level: LevelKind | undefined;
  checked: boolean;
  /** the project's own text under the criterion, markdown ('' when unanswered) */
  assertion: string;
  /** web links in the assertion */
  urls: string[];
}

export type FieldName = 'repos' | 'site' | 'subProjects' | 'communication' | 'contacts';

export interface ApplicationIssue {
  project: string | undefined;
  level: 'Incubation' | 'Graduation' | undefined;
  fields: Partial<Record<FieldName, ApplicationField>>;
  /** "owner/name" from the repositories field (else the GitHub repositories the issue cites most) */
  repositories: string[];
  /** the application-level statements the project ticked */
  applicationLevel: string[];
  adoption: { text: string; adopters: string[]; urls: string[] };
  criteria: ApplicationCriterion[];
  model: DiligenceModel;
}

const FIELDS: Array<{ name: FieldName; re: RegExp }> = [
  { name: 'repos', re: /^project\s+repo(?:s|\(s\)|sitor(?:y|ies))?$/i },
  { name: 'site', re: /^project\s+(?:site|website)$/i },
  { name: 'subProjects', re: /^sub-?projects?$/i },
  { name: 'communication', re: /^communications?(?:\s+channels?)?$/i },
  { name: 'contacts', re: /^project\s+points?\s+of\s+contacts?$/i },
];

/** A template placeholder the project did not fill (`$URL`, `DD-MMM-YYYY`, `YYYYMMDD`…). */
const UNFILLED = /\$[A-Z][A-Z_]{2,}\b|\bDD-MMM-YYYY\b|\bYYYY-?MM-?DD\b|\bMONTH YEAR\b/;
const URL_RE = /https?:\/\/[^\s<>()[\]"'`]+/g;

export function urlsIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').matchAll(URL_RE)) out.add(trimEndChars(m[0], '.,;:!?*_'));
  return [...out];
}

const LEVEL_RE = /\b(incubation|graduation)\b/i;
const level = (s: string): ApplicationIssue['level'] => {
  const m = LEVEL_RE.exec(s);
  return m ? (m[1]!.toLowerCase() === 'incubation' ? 'Incubation' : 'Graduation') : undefined;
};

/** "[Incubation] Acme Incubation Application" / "# Acme Incubation Application" → Acme */
function projectOf(s: string): string | undefined {
  const t = s.replace(/^\s*\[[^\]]{0,40}\]\s*/, '').trim();
  const m = /^(.{1,80}?)\s+(?:incubation|graduation)\s+application\b/i.exec(t);
  const p = m?.[1]?.replace(/[*_`]/g, '').trim();
  return p && !p.includes('$') ? p : undefined;
}

function lineValue(line: string): { label: string; value: string } | undefined {
  const plain = line.replace(/^\s*(?:[*+-]\s+)?/, '');
  const colon = plain.indexOf(':');
  if (colon <= 0 || colon > 60) return undefined;
  const label = plain.slice(0, colon).replace(/[*_]/g, '').trim();
  return FIELDS.some((f) => f.re.test(label)) ? { label, value: plain.slice(colon + 1).replace(/^[*_\s]+/, '').trim() } : undefined;
}

/** The header's `Label: value` lines, with the list items right below a label. */
function readFields(lines: readonly string[]): ApplicationIssue['fields'] {
  const out: ApplicationIssue['fields'] = {};
  for (let i = 0; i < lines.length; i++) {
    const lv = lineValue(lines[i]!);
    if (!lv) continue;
    const name = FIELDS.find((f) => f.re.test(lv.label))!.name;
    const parts = [lv.value];
    for (let j = i + 1; j < lines.length && /^\s*[*+-]\s+\S/.test(lines[j]!) && !lineValue(lines[j]!); j++) parts.push(lines[j]!.trim());
    const value = parts.filter((p) => p && !UNFILLED.test(p)).join('\n').trim();
    if (!out[name]) out[name] = { label: lv.label, value, urls: urlsIn(value) };
  }
  return out;
}

/** The text under a `###` heading of the summary (to the next heading). */
function section(model: DiligenceModel, title: RegExp): string | undefined {
  const hs = model.headings;
  const i = hs.findIndex((h) => title.test(h.text));
  if (i < 0) return undefined;
  const end = hs[i + 1]?.span.start ?? model.text.length;
  return model.text.slice(hs[i]!.span.end, end);
}

/** Lines the template wrote and the project did not change: not the project's assertion. */
function isTemplateLine(line: string, template: TemplateReference | undefined): boolean {
  const plain = line.replace(/^[\s>]*(?:[*+-]|\d{1,9}[.)])?\s*/, '').trim();
  if (plain === '') return false;
  return UNFILLED.test(plain) || isBoilerplate(plain, template);
}

/** The criterion's body as the project wrote it: comments, the template's lines, shared indent out. */
export function assertionText(text: string, template: TemplateReference | undefined): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?(?:-->|$)/g, '').split('\n').map((l) => l.trimEnd());
  // an unchecked sub-item (and its continuation) is a prompt, not something the project asserts
  let skipDeeperThan = -1;
  const kept = lines.filter((l) => {
    const indent = /^ */.exec(l)![0].length;
    if (skipDeeperThan >= 0 && l.trim() !== '' && indent > skipDeeperThan && !/^\s*(?:[*+-]|\d{1,9}[.)])\s/.test(l)) return false;
    skipDeeperThan = -1;
    if (/^\s*(?:[*+-]|\d{1,9}[.)])[ \t]+\[ \]/.test(l)) {
      skipDeeperThan = indent;
      return false;
    }
    return !isTemplateLine(l, template);
  });
  const indent = Math.min(...kept.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  const out: string[] = [];
  for (const l of kept) {
    const t = Number.isFinite(indent) ? l.slice(Math.min(indent, /^ */.exec(l)![0].length)) : l;
    if (t.trim() === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(t.trim() === '' ? '' : t);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/**
 * Reads an application issue. `title` is the issue's title; `template` the DD template the issue
 * is aligned to (its own words are not the project's assertion).
 */
export function parseApplication(body: string, title: string | undefined, template?: TemplateReference): ApplicationIssue {
  const model = analyseText(body);
  const h1s = model.headings.filter((h) => h.depth === 1).map((h) => h.text);
  const project = (title ? projectOf(title) : undefined) ?? h1s.map(projectOf).find((p) => p) ?? (model.project && !model.project.includes('$') ? model.project : undefined);
  const lvl = (title ? level(title) : undefined) ?? h1s.map(level).find((l) => l) ?? (model.level === 'Incubation' || model.level === 'Graduation' ? model.level : undefined);
  const firstArea = model.areas.find((a) => a.kind === 'checklist')?.heading.start ?? body.length;
  const fields = readFields(body.slice(0, firstArea).replace(/\r\n?/g, '\n').split('\n'));
  const fromField = (fields.repos?.urls ?? []).map((u) => githubRepoOf(u)).filter((r): r is string => r !== undefined);
  const cited = inferRepositories(model, DEFAULT_CONFIG);
  // an organisation URL names no repository: its repositories the issue cites
  const orgs = (fields.repos?.urls ?? []).map((u) => /^https?:\/\/(?:www\.)?github\.com\/([\w.-]+)\/?$/i.exec(u)?.[1]?.toLowerCase()).filter((o): o is string => !!o);
  const repositories = [...new Set([...fromField, ...cited.filter((r) => fromField.length === 0 && (orgs.length === 0 || orgs.includes(r.split('/')[0]!.toLowerCase())))])];

  const levelText = section(model, /application\s+level\s+assertion/i) ?? '';
  const applicationLevel = [...levelText.matchAll(/^[ \t]*[*+-][ \t]+\[[xX]\][ \t]+(\S.*)$/gm)].map((m) => m[1]!.trim());
  const adoptionText = section(model, /adoption\s+assertion/i) ?? '';
  const adopters = [...adoptionText.matchAll(/^[ \t]*(?:[*+-]|\d{1,3}[.)])[ \t]+(?!\[[ xX]\])(\S.*)$/gm)].map((m) => m[1]!.trim()).filter((a) => !UNFILLED.test(a));
  const criteria = model.criteria.map((c): ApplicationCriterion => {
    const assertion = assertionText(body.slice(c.titleSpan.end, c.span.end), template);
    return {
      index: c.index,
      line: model.lines.positionAt(c.span.start).line,
      title: c.title,
      area: model.areas[c.area]?.name ?? '',
      level: c.level,
      checked: c.checked,
      assertion,
      urls: urlsIn(assertion),
    };
  });
  return {
    project,
    level: lvl,
    fields,
    repositories,
    applicationLevel,
    adoption: { text: assertionText(adoptionText, template), adopters, urls: urlsIn(adoptionText) },
    criteria,
    model,
  };
}
