/**
 * The triage report as markdown, ready to paste as an issue comment: the checklist per section
 * with a mark per item, the criteria left unticked or unanswered, the broken links, and the
 * suggested labels (never applied). Text taken from the issue or the repositories is escaped so
 * it can neither format the comment nor mention anyone.
 */
import type { TriageItem, TriageReport, Verdict } from './triage';

const GUIDE = 'https://github.com/cncf/toc/blob/main/operations/dd-toc-guide.md#initial-triageevaluation-prior-to-assignment';
const MARK: Record<Verdict, string> = { 'met': '✅', 'not-met': '❌', 'unknown': '❔' };
const WORD: Record<Verdict, string> = { 'met': 'met', 'not-met': 'not met', 'unknown': 'could not tell' };

/** Text as literal markdown: no formatting, no link, no HTML, no @mention, on one line. */
export function escapeText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|~])/g, '\\$1').replace(/@/g, '&#64;');
}

/** A URL safe inside `(…)`: no spaces or parentheses that would end it. */
const safeUrl = (u: string): string => u.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));

function item(i: TriageItem): string {
  const evidence = i.evidence.map((e) => (e.url ? `[${escapeText(e.text)}](${safeUrl(e.url)})` : escapeText(e.text)));
  const tail = [...evidence, ...(i.missing ? [`${i.verdict === 'unknown' ? '' : i.verdict === 'met' ? 'note: ' : 'missing: '}${escapeText(i.missing)}`] : [])];
  return `- ${MARK[i.verdict]} **${escapeText(i.label)}**: ${WORD[i.verdict]}${tail.length > 0 ? ` — ${tail.join('; ')}` : ''}`;
}

export function triageToMarkdown(r: TriageReport): string {
  const out: string[] = [];
  out.push(`## Triage of ${escapeText(r.issue.ref)}${r.project ? `: ${escapeText(r.project)}` : ''}, ${r.level}`, '');
  const tpl = r.template.source === 'builtin' ? `the built-in criteria of ${r.template.date}` : `the ${r.level} due-diligence template${r.template.date ? ` of ${r.template.date}` : ''}${r.template.ref ? ` (${r.template.ref.slice(0, 8)})` : ''}`;
  out.push(`Following the TOC's [initial triage checklist](${GUIDE}), with the application held to ${tpl}.`, '');
  out.push(`**${r.counts.met} met · ${r.counts['not-met']} not met · ${r.counts.unknown} could not tell**`, '');
  if (r.notDiscovered) out.push(`_The project's repositories were not examined: ${escapeText(r.notDiscovered)}._`, '');
  let section = '';
  for (const i of r.items) {
    if (i.section !== section) {
      if (section) out.push('');
      section = i.section;
      out.push(`### ${section}`, '');
    }
    out.push(item(i));
  }
  out.push('');
  const open = r.unanswered;
  out.push(`### Criteria left unticked or unanswered (${open.length})`, '');
  if (open.length === 0) out.push('None: every criterion of the template is ticked and answered.');
  else {
    out.push('| Criterion | Area | Level | In the issue |', '|---|---|---|---|');
    for (const u of open) {
      const state = !u.inIssue ? 'not in the issue' : u.ticked ? 'ticked, not answered' : u.answered ? 'answered, not ticked' : 'neither ticked nor answered';
      out.push(`| ${escapeText(u.title)} | ${escapeText(u.area)} | ${u.level ?? '—'} | ${state} |`);
    }
  }
  out.push('');
  out.push(`### Links in the issue that are broken (${r.brokenLinks.length})`, '');
  if (!r.linksChecked) out.push('_The links were not checked._');
  else if (r.brokenLinks.length === 0) out.push('None.');
  else for (const b of r.brokenLinks) out.push(`- ${escapeText(b.url)}: ${escapeText(b.message)}`);
  out.push('');
  out.push('### Suggested labels', '');
  for (const l of r.labels) out.push(`- \`${l.name}\`: ${escapeText(l.why)}`);
  out.push('', '_Suggested only: no label was applied._');
  return out.join('\n') + '\n';
}
