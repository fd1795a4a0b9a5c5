/**
 * The public-comment e-mail: the TOC's template (read at run time) filled from the document — the
 * project, the levels, the sponsors, the application issue and the DD pull request when the
 * document links them — with today + 14 days as the end date (DD-MMM-YYYY, the templates' date
 * format), as markdown to copy. What the document does not tell stays a placeholder and is listed.
 * The freeze check: a period that starts or ends within four weeks before a KubeCon (or during it)
 * is a warning.
 */
import { Code } from '../codes';
import type { DiligenceModel } from '../model/types';
import { formatDate } from '../placeholderValues';
import type { KubeCon } from './kubecons';

export const COMMENT_DAYS = 14;
export const FREEZE_DAYS = 28;
const DAY_MS = 24 * 3600 * 1000;

export interface PublicCommentInput {
  template: string;
  model: DiligenceModel;
  /** the reviewer's wall-clock today (its UTC fields are the local date) */
  today: Date;
  reviewer: string;
  /** the other TOC sponsor(s), when known */
  coSponsor?: string;
  /** overrides what the document links */
  application?: string;
  pullRequest?: string;
  /** the TOC repository, owner/name */
  tocRepo: string;
  kubecons: readonly KubeCon[];
}

export interface PublicCommentWarning {
  code: typeof Code.publicCommentFreeze;
  message: string;
}

export interface PublicCommentDraft {
  subject: string;
  markdown: string;
  /** YYYY-MM-DD */
  start: string;
  end: string;
  application: string | null;
  pullRequest: string | null;
  /** placeholders left for the reviewer */
  unfilled: string[];
  warnings: PublicCommentWarning[];
  /** what the reviewer should know: no upcoming KubeCon is known, where the DD pull request was not found */
  notes: string[];
}

const escapeInline = (s: string): string => s.replace(/\s+/g, ' ').trim().replace(/([\\`*_[\]<>$|])/g, '\\$1');
const iso = (d: Date): string => formatDate('YYYY-MM-DD', d);
const pretty = (isoDay: string): string => formatDate('DD-MMM-YYYY', new Date(`${isoDay}T00:00:00Z`));

/** The first link of the document to the TOC repository's issues (`issues`) or pull requests (`pull`). */
function linkOf(model: DiligenceModel, tocRepo: string, kind: 'issues' | 'pull'): string | undefined {
  const repo = tocRepo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^https://github\\.com/${repo}/${kind}/(\\d{1,7})(?:[/?#].*)?$`, 'i');
  for (const l of model.links) {
    const m = re.exec(l.url);
    if (m) return `https://github.com/${tocRepo}/${kind}/${m[1]}`;
  }
  return undefined;
}

const FROM: Record<string, string> = { Incubation: 'Sandbox', Graduation: 'Incubation' };

/** Warnings for a period [start, end] that meets a freeze: four weeks before an event to its last day. */
export function freezeWarnings(start: string, end: string, kubecons: readonly KubeCon[]): PublicCommentWarning[] {
  const out: PublicCommentWarning[] = [];
  for (const k of kubecons) {
    const from = iso(new Date(Date.parse(`${k.start}T00:00:00Z`) - FREEZE_DAYS * DAY_MS));
    if (end < from || start > k.end) continue;
    const which = start >= from ? `starts on ${pretty(start)}` : end <= k.end ? `ends on ${pretty(end)}` : `runs from ${pretty(start)} to ${pretty(end)}`;
    out.push({ code: Code.publicCommentFreeze, message: `The public comment period ${which}, within four weeks before ${k.name} (${pretty(k.start)} – ${pretty(k.end)}): the TOC process does not open public comment within four weeks of the event (the KubeCon freeze).` });
  }
  return out;
}

/**
 * When every KubeCon known ended before the period starts, the freeze check cannot warn: said once
 * (not per event), pointing at the setting, instead of passing in silence.
 */
export function noUpcomingKubeCon(start: string, kubecons: readonly KubeCon[]): string | undefined {
  if (kubecons.some((k) => k.end >= start)) return undefined;
  const last = [...kubecons].sort((a, b) => a.end.localeCompare(b.end)).at(-1);
  const known = last ? ` (the last one known, ${last.name}, ended on ${pretty(last.end)})` : '';
  return `No upcoming KubeCon + CloudNativeCon is known${known}: the freeze check has no dates to check this period against. Add the announced dates to the diligence.kubecons setting (the CLI: --kubecon NAME=START..END).`;
}

/** The template's message: from its `Subject:` line on (what is above it is advice to the sponsor). */
function messagePart(template: string): string {
  const text = template.replace(/\r\n/g, '\n');
  const at = /^Subject:/im.exec(text);
  return (at ? text.slice(at.index) : text).trimEnd() + '\n';
}

export function draftPublicComment(input: PublicCommentInput): PublicCommentDraft {
  const { model } = input;
  const start = iso(input.today);
  const end = iso(new Date(input.today.getTime() + COMMENT_DAYS * DAY_MS));
  const application = input.application ?? linkOf(model, input.tocRepo, 'issues');
  const pullRequest = input.pullRequest ?? linkOf(model, input.tocRepo, 'pull');
  const level = model.level && FROM[model.level] ? model.level : undefined;
  const values: Record<string, string | undefined> = {
    PROJECT: model.project ? escapeInline(model.project) : undefined,
    LEVEL: level,
    TOLEVEL: level,
    FROMLEVEL: level ? FROM[level] : undefined,
    TOCSPONSOR: input.coSponsor ? escapeInline(input.coSponsor) : undefined,
    DATE: pretty(end),
    SIGNATUREBLOCK: input.reviewer ? escapeInline(input.reviewer) : undefined,
  };
  const lines = messagePart(input.template).split('\n').map((line) => {
    const link = /^\s*Application\s*:/i.test(line) ? application : /^\s*DD\s*PR\s*:/i.test(line) ? pullRequest : undefined;
    let out = link ? line.replace(/\$LINK\b/, link) : line;
    out = out.replace(/\[\$DATE\]/g, values['DATE']!);
    return out.replace(/\$([A-Z][A-Z_]*)\b/g, (whole, name: string) => values[name] ?? whole);
  });
  const markdown = lines.join('\n');
  const unfilled = [...new Set([...markdown.matchAll(/\$[A-Z][A-Z_]*\b/g)].map((m) => m[0]))];
  const subjectLine = /^Subject:(.*)$/im.exec(markdown);
  return {
    subject: subjectLine ? subjectLine[1]!.trim() : '',
    markdown, start, end,
    application: application ?? null, pullRequest: pullRequest ?? null,
    unfilled,
    warnings: freezeWarnings(start, end, input.kubecons),
    notes: [noUpcomingKubeCon(start, input.kubecons)].filter((n): n is string => n !== undefined),
  };
}
