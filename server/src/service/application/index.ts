/**
 * Starting from the application: read an application issue (through the host's GitHub adapter,
 * cached), hold it to the current DD template of the level it applies for (resolved like a
 * document's: settings file, workspace checkout, the canonical file through the GitHub API, else
 * the built-in criteria), and from it draft the due diligence (draft.ts) or triage it (triage.ts).
 */
import type { DiligenceConfig } from '../config';
import { allItems, type EvidenceDiscoverer, type EvidenceDiscovery } from '../evidence/discover';
import type { ApiOutcome, FileRequest } from '../evidence/types';
import { Code } from '../codes';
import { networkChecksEnabled } from '../config';
import type { LinkChecker } from '../links/checker';
import { linksToCheck } from '../links/checker';
import { triage, type TriageInputs, type TriageReport } from './triage';
import { triageToMarkdown } from './triageMarkdown';
import { tocProjectSlug } from '../evidence/toc';
import { throwIfCancelled, type CancellationToken } from '../host';
import { analyseText } from '../model/index';
import type { EvidenceItem, Profile } from '../profiles/types';
import { templateReferenceFromText } from '../template/reference';
import { resolveTemplate, type TemplateSources } from '../template/source';
import type { TemplateModel } from '../template/model';
import { alignApplication, type ApplicationAlignment } from './align';
import { draftDueDiligence, type Draft } from './draft';
import { fetchIssue, type ApplicationGitHub, type FetchedIssue, type IssueCache } from './issue';
import { issueRefText, parseApplication, parseIssueRef, type ApplicationIssue, type IssueRef } from './parse';

export interface ApplicationDeps {
  github: ApplicationGitHub | undefined;
  issueCache?: IssueCache;
  templates: TemplateSources;
  discoverer?: EvidenceDiscoverer | undefined;
  /** checks the issue's links (triage) */
  checker?: LinkChecker | undefined;
  config: DiligenceConfig;
  profiles: readonly Profile[];
  /** false: nothing is requested (offline, untrusted workspace); caches still answer */
  allowNetwork: boolean;
}

export interface ReadOptions {
  /** overrides the level the issue applies for */
  level?: string;
  /** where the draft will be written (a workspace checkout of the template's repository counts) */
  docUri?: string;
}

export interface ReadApplication {
  ref: IssueRef;
  issue: FetchedIssue;
  app: ApplicationIssue;
  level: 'Incubation' | 'Graduation';
  profile: Profile;
  template: TemplateModel;
  alignment: ApplicationAlignment;
}

const fail = (message: string): { ok: false; kind: 'other'; message: string } => ({ ok: false, kind: 'other', message });

function levelOf(s: string | undefined): 'Incubation' | 'Graduation' | undefined {
  const t = s?.trim().toLowerCase();
  return t === 'incubation' ? 'Incubation' : t === 'graduation' ? 'Graduation' : undefined;
}

/** The issue, parsed and aligned to the current DD template of its level. */
export async function readApplication(refText: string, deps: ApplicationDeps, opts: ReadOptions, token: CancellationToken): Promise<ApiOutcome<ReadApplication>> {
  const ref = parseIssueRef(refText);
  if (!ref) return fail(`"${refText}" is not an issue: write OWNER/REPO#N or the issue's URL`);
  if (opts.level !== undefined && !levelOf(opts.level)) return fail(`--level takes incubation or graduation, not "${opts.level}"`);
  const now = deps.templates.now();
  const issue = await fetchIssue(ref, { github: deps.github, cache: deps.issueCache, apiUrl: deps.config.github.apiUrl, ttlMs: deps.config.links.cacheTtl * 1000, now, allowNetwork: deps.allowNetwork }, token);
  if (!issue.ok) return issue;
  const first = parseApplication(issue.value.body, issue.value.title);
  const level = levelOf(opts.level) ?? first.level;
  if (!level) return fail(`${issueRefText(ref)} does not say which level it applies for (incubation or graduation): give the level`);
  const profile = deps.profiles.find((p) => p.foundation.toUpperCase() === 'CNCF' && p.stage.toLowerCase() === level.toLowerCase());
  if (!profile) return fail(`no profile for CNCF ${level}`);
  // the issue's own text never chooses the template (its front matter could name a local file)
  const resolved = await resolveTemplate({ docUri: opts.docUri ?? 'untitled:application', model: analyseText(''), profile, config: deps.config, history: false, allowNetwork: deps.allowNetwork }, deps.templates, token);
  throwIfCancelled(token);
  const template = resolved.template;
  const app = template.model ? parseApplication(issue.value.body, issue.value.title, templateReferenceFromText(template.model.text)) : first;
  return { ok: true, value: { ref, issue: issue.value, app, level, profile, template, alignment: alignApplication(app, template) } };
}

/** Evidence of the issue's repositories (cached per repository); undefined without a discoverer. */
export async function discoverFor(app: ApplicationIssue, deps: ApplicationDeps, token: CancellationToken): Promise<EvidenceDiscovery | undefined> {
  if (!deps.discoverer || app.repositories.length === 0) return undefined;
  // the TOC's review snapshots of the project too (projects/<project>/ in cncf/toc)
  const project = deps.config.evidence.tocProject || (app.project ? tocProjectSlug(app.project) : '');
  const d = await deps.discoverer.discover(app.repositories, { config: deps.config, allowNetwork: deps.allowNetwork, ...(project ? { project } : {}) }, token);
  throwIfCancelled(token);
  return d;
}

/** When each repository's facts were found (the inserted facts say "as of" that day). */
function asOfDiscovery(d: EvidenceDiscovery | undefined, now: number): (i: EvidenceItem) => Date {
  const at = new Map<string, number>();
  for (const r of d?.results ?? []) at.set(r.repo.toLowerCase(), r.checkedAt);
  if (d?.toc) at.set(d.toc.repo.toLowerCase(), d.toc.checkedAt);
  return (i) => new Date(at.get(i.repo.toLowerCase()) ?? now);
}

export interface DraftOptions extends ReadOptions {
  /** ISO date (YYYY-MM-DD); the document's date */
  date: string;
  reviewer?: string;
  /** overrides the project's name the issue gives */
  project?: string;
}

export interface DraftResult extends Draft {
  read: ReadApplication;
  discovery: EvidenceDiscovery | undefined;
}

/** The due diligence drafted from the issue (see draft.ts). */
export async function draftFromIssue(refText: string, deps: ApplicationDeps, opts: DraftOptions, token: CancellationToken): Promise<ApiOutcome<DraftResult>> {
  if (!/^\d{4}-\d\d-\d\d$/.test(opts.date) || Number.isNaN(Date.parse(opts.date))) return fail(`the date must be YYYY-MM-DD, not "${opts.date}"`);
  const read = await readApplication(refText, deps, opts, token);
  if (!read.ok) return read;
  const { app, template, alignment, issue, ref, level } = read.value;
  const discovery = await discoverFor(app, deps, token);
  const project = opts.project?.trim() || app.project || '$PROJECT';
  const draft = draftDueDiligence(template, app, alignment, { ref, url: issue.url, title: issue.title }, { project, level, reviewer: opts.reviewer ?? deps.config.reviewer.name, date: new Date(`${opts.date}T00:00:00Z`) }, allItems(discovery), asOfDiscovery(discovery, deps.templates.now()));
  return { ok: true, value: { ...draft, read: read.value, discovery } };
}

export { parseIssueRef, issueRefText, parseApplication, type ApplicationIssue, type IssueRef } from './parse';
export { IssueCache, type ApplicationGitHub, type FetchedIssue } from './issue';
export { quoteAssertion, type Draft, type DraftStats } from './draft';

/** Files read for triage (adopters, maintainers) at the commit discovery pinned, cached for good like a template version. */
function triageTexts(discovery: EvidenceDiscovery | undefined, deps: ApplicationDeps, token: CancellationToken): Promise<Map<string, string>> {
  return foundTexts(discovery, deps, ['adopters', 'maintainers'], token);
}

/** The texts of the files discovery found for these detectors (by URL), at the commit it pinned; cached for good. */
export async function foundTexts(discovery: EvidenceDiscovery | undefined, deps: Pick<ApplicationDeps, 'templates' | 'discoverer' | 'allowNetwork'>, detectors: readonly string[], token: CancellationToken): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = allItems(discovery).filter((i) => detectors.includes(i.detector) && i.found && i.url);
  const requests: Array<{ url: string; key: string; file: FileRequest }> = [];
  for (const i of wanted) {
    const m = /^https:\/\/[^/]+\/([\w.-]+)\/([\w.-]+)\/blob\/([0-9a-f]{40})\/(.+)$/.exec(i.url!);
    if (!m) continue;
    const file: FileRequest = { owner: m[1]!, name: m[2]!, sha: m[3]!, path: m[4]!.split('/').map(decodeURIComponent).join('/') };
    const key = `blob:${file.owner}/${file.name}:${file.path}#${file.sha}`.toLowerCase();
    const hit = deps.templates.cache?.get(key, deps.templates.now())?.text;
    if (hit !== undefined) out.set(i.url!, hit);
    else if (!requests.some((r) => r.url === i.url)) requests.push({ url: i.url!, key, file });
  }
  const github = deps.discoverer?.github;
  if (requests.length === 0 || !github || !deps.allowNetwork) return out;
  const r = await github.texts(requests.map((x) => x.file), token);
  throwIfCancelled(token);
  if (!r.ok) return out;
  requests.forEach((x, n) => {
    const text = r.value[n];
    if (text === undefined) return;
    out.set(x.url, text);
    deps.templates.cache?.set(x.key, { checkedAt: deps.templates.now(), text }, FOREVER_MS);
  });
  return out;
}

const FOREVER_MS = 100 * 365 * 24 * 3600 * 1000;

/** The issue's links: broken ones (checked like a document's), malformed ones too. */
async function issueLinks(read: ReadApplication, deps: ApplicationDeps, token: CancellationToken): Promise<TriageInputs['links']> {
  const model = read.app.model;
  // a criterion's title is the template's text, not the project's
  const inTitle = (at: number): boolean => model.criteria.some((c) => at >= c.titleSpan.start && at < c.titleSpan.end);
  const malformed = model.malformedLinks.filter((m) => !inTitle(m.span.start)).map((m) => ({ url: m.url, message: `malformed (${m.reason})` }));
  if (!deps.checker || !networkChecksEnabled(deps.config)) return { checked: false, broken: malformed };
  const report = await deps.checker.check(linksToCheck(model.links), { documentUri: read.issue.url, config: deps.config, allowNetwork: deps.allowNetwork }, token);
  throwIfCancelled(token);
  const broken = [...report.results.values()].flatMap((r) => r.problems.filter((p) => p.code === Code.linkBroken).slice(0, 1).map((p) => ({ url: r.url, message: p.message })));
  return { checked: report.notChecked === undefined, broken: [...broken, ...malformed], ...(report.notChecked ? { notChecked: report.notChecked.message } : {}) };
}

export interface TriageResult {
  report: TriageReport;
  markdown: string;
  read: ReadApplication;
}

/** The triage report of the issue (see triage.ts); nothing is posted. */
export async function triageIssue(refText: string, deps: ApplicationDeps, opts: ReadOptions, token: CancellationToken): Promise<ApiOutcome<TriageResult>> {
  const read = await readApplication(refText, deps, opts, token);
  if (!read.ok) return read;
  const discovery = await discoverFor(read.value.app, deps, token);
  const texts = await triageTexts(discovery, deps, token);
  const links = await issueLinks(read.value, deps, token);
  const report = triage({ read: read.value, discovery, texts, links });
  return { ok: true, value: { report, markdown: triageToMarkdown(report), read: read.value } };
}

/** Posts the triage report as a comment on the issue: only when asked, never as part of triage. */
export async function postTriage(ref: IssueRef, markdown: string, deps: ApplicationDeps, token: CancellationToken): Promise<ApiOutcome<{ url: string }>> {
  if (!deps.github || !deps.allowNetwork) return fail('posting needs the GitHub API (the network is off)');
  return deps.github.comment(ref, markdown, token);
}

export { triage, TRIAGE_LABELS, type TriageReport, type TriageItem, type Verdict } from './triage';
export { triageToMarkdown } from './triageMarkdown';
