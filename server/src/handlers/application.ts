/**
 * The application-issue requests: a due diligence drafted from the issue, its triage report, and
 * posting that report as a comment (only on request, after the client asked the user). All go
 * over the network session (token to the API origin only) and are refused in an untrusted
 * workspace; the issue, template, evidence and link caches are saved after each.
 */
import { DraftFromIssueRequest, PostTriageRequest, TriageIssueRequest } from '../../../shared/protocol';
import type { ServerHost } from './serverHost';
import { draftFromIssue, parseIssueRef, postTriage, triageIssue, type ApplicationDeps } from '../service/application/index';
import { networkChecksEnabled, type DiligenceService } from '../service/index';
import { invalidParams, outcome, type RequestFunnel } from './requests';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

const untrusted = (): ResponseError<void> => new ResponseError(ErrorCodes.InvalidRequest, 'not in an untrusted workspace: Diligence makes no network request there');
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export function registerApplication(service: DiligenceService, host: ServerHost, funnel: RequestFunnel): void {
  const { session } = host;
  const git = host.templateGit?.();
  const deps = async (): Promise<ApplicationDeps> => {
    const tools = await session.tools();
    return {
      github: tools?.issueGitHub,
      issueCache: session.issueCache,
      templates: { files: host.files, ...(git ? { git } : {}), ...(tools ? { github: tools.templateGitHub } : {}), cache: session.templateCache, now: () => Date.now() },
      discoverer: tools?.discoverer,
      checker: tools?.linkChecker,
      config: service.config,
      profiles: service.profiles(),
      allowNetwork: session.trusted && networkChecksEnabled(service.config),
    };
  };
  const saved = async (): Promise<void> => {
    await Promise.all([session.saveIssues(), session.saveTemplates(), session.saveEvidence(), session.saveLinks()]);
  };

  funnel.onRequest(DraftFromIssueRequest, async (p, ct) => {
    if (!session.trusted) return untrusted();
    const issue = str(p?.issue);
    if (!issue) return invalidParams('issue is needed (OWNER/REPO#N or its URL)');
    const level = str(p?.level);
    const reviewer = str(p?.reviewer);
    const r = await draftFromIssue(issue, await deps(), { date: str(p?.date) ?? new Date().toISOString().slice(0, 10), ...(level ? { level } : {}), ...(reviewer ? { reviewer } : {}) }, ct);
    await saved();
    if (!r.ok) return outcome(r);
    const t = r.value.read.template.info;
    return {
      text: r.value.text,
      fileName: r.value.fileName,
      issue: { ref: `${r.value.read.ref.owner}/${r.value.read.ref.repo}#${r.value.read.ref.number}`, url: r.value.read.issue.url },
      stats: r.value.stats,
      template: { source: t.source, date: t.date, ref: t.ref, problem: t.problem ?? null },
    };
  });
  funnel.onRequest(TriageIssueRequest, async (p, ct) => {
    if (!session.trusted) return untrusted();
    const issue = str(p?.issue);
    if (!issue) return invalidParams('issue is needed (OWNER/REPO#N or its URL)');
    const level = str(p?.level);
    const r = await triageIssue(issue, await deps(), level ? { level } : {}, ct);
    await saved();
    return r.ok ? { report: r.value.report, markdown: r.value.markdown } : outcome(r);
  });
  funnel.onRequest(PostTriageRequest, async (p, ct) => {
    if (!session.trusted) return untrusted();
    const ref = parseIssueRef(str(p?.issue) ?? '');
    const markdown = typeof p?.markdown === 'string' ? p.markdown : '';
    if (!ref || !markdown.trim()) return invalidParams('issue (OWNER/REPO#N) and markdown are needed');
    return outcome(await postTriage(ref, markdown, await deps(), ct));
  });
}
