/**
 * `diligence triage OWNER/REPO#N [--format markdown|json] [--post]`: the triage report of an
 * application issue, printed; posted as a comment on the issue only with --post.
 */
import { postTriage, triageIssue } from '../service/application/index';
import { noCancellation } from '../service/index';
import { printable } from '../cli';
import type { ApplicationOptions, Session } from './application';

export async function triageCommand(o: ApplicationOptions, s: Session, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const r = await triageIssue(o.ref, s.deps, o.level ? { level: o.level } : {}, noCancellation);
  if (!r.ok) {
    err(`diligence: ${r.message}`);
    return 2;
  }
  const { report, markdown, read } = r.value;
  if (read.template.info.problem) err(`diligence: ${read.template.info.problem}`);
  out(o.format === 'json' ? JSON.stringify(report, null, 2) : printable(markdown.trimEnd(), true));
  const c = report.counts;
  err(`diligence: ${report.issue.ref}: ${c.met} met, ${c['not-met']} not met, ${c.unknown} could not tell; ${report.unanswered.length} criteria unticked or unanswered; ${report.brokenLinks.length} broken link${report.brokenLinks.length === 1 ? '' : 's'}; ${s.requests()} GitHub API request${s.requests() === 1 ? '' : 's'}`);
  if (!o.post) return 0;
  const posted = await postTriage(read.ref, markdown, s.deps, noCancellation);
  if (!posted.ok) {
    err(`diligence: could not post the comment: ${posted.message}`);
    return 2;
  }
  err(`diligence: posted ${posted.value.url}`);
  return 0;
}
