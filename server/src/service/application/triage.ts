/**
 * Triage of an application issue, following the TOC's "Initial triage/evaluation prior to
 * assignment" checklist (operations/dd-toc-guide.md): per item met / not met / could not tell,
 * with the evidence found (pinned links) or what is missing; the criteria the project left
 * unticked or unanswered; the links in the issue that are broken; and the labels the TOC uses for
 * the outcome, as a suggestion (never applied). Plain data in, plain data out.
 */
import { allItems, type EvidenceDiscovery } from '../evidence/discover';
import type { EvidenceItem } from '../profiles/types';
import { countAdopters, readMaintainers } from './files';
import type { ReadApplication } from './index';
import { issueRefText } from './parse';

export type Verdict = 'met' | 'not-met' | 'unknown';

export interface TriageEvidence {
  text: string;
  url?: string;
}

export interface TriageItem {
  id: string;
  section: string;
  label: string;
  verdict: Verdict;
  evidence: TriageEvidence[];
  /** what is missing, or why it could not be told */
  missing?: string;
}

export interface TriageInputs {
  read: ReadApplication;
  discovery: EvidenceDiscovery | undefined;
  /** texts of files read for triage, by the finding's pinned URL */
  texts: ReadonlyMap<string, string>;
  links: { checked: boolean; broken: Array<{ url: string; message: string }>; notChecked?: string };
}

export interface TriageReport {
  issue: { ref: string; url: string; title: string };
  project: string | null;
  level: string;
  /** the template the issue was held to */
  template: { date: string; ref: string; source: string };
  items: TriageItem[];
  /** template criteria the issue leaves unticked or unanswered */
  unanswered: Array<{ title: string; area: string; level: string | null; ticked: boolean; answered: boolean; inIssue: boolean }>;
  brokenLinks: Array<{ url: string; message: string }>;
  linksChecked: boolean;
  /** why evidence could not be discovered, when it could not */
  notDiscovered: string | null;
  labels: Array<{ name: string; why: string }>;
  counts: Record<Verdict, number>;
}

/** The labels the TOC uses for the outcome (cncf/toc .github/labels.yaml). */
export const TRIAGE_LABELS = {
  moreInformation: 'dd/triage/needs-more-information',
  adopters: 'dd/triage/needs-adopters',
  securityAssessment: 'dd/triage/needs-security-assessment',
  ready: 'dd/status/ready-for-assignment',
} as const;

interface Answer {
  /** the template has this criterion */
  known: boolean;
  inIssue: boolean;
  ticked: boolean;
  text: string;
  urls: string[];
}

function answers(inputs: TriageInputs): (id: string) => Answer {
  const { template, alignment, app } = inputs.read;
  return (id) => {
    const t = template.criteria.findIndex((c) => c.id === id || c.overlay?.id === id);
    const ds = t < 0 ? [] : alignment.answers[t]!;
    const cs = ds.map((d) => app.criteria[d]!);
    return { known: t >= 0, inIssue: cs.length > 0, ticked: cs.some((c) => c.checked), text: cs.map((c) => c.assertion).filter((a) => a).join('\n\n'), urls: [...new Set(cs.flatMap((c) => c.urls))] };
  };
}

type Build = (inputs: TriageInputs, ctx: Ctx) => TriageItem;

interface Ctx {
  answer: (id: string) => Answer;
  found: (detector: string) => EvidenceItem[];
  /** found or not */
  all: (detector: string) => EvidenceItem[];
  /** discovery examined at least one repository */
  discovered: boolean;
  broken: ReadonlySet<string>;
}

const linkOf = (u: string): TriageEvidence => ({ text: u, url: u });

/** An item met by the project's answer to a criterion: with a link that is not broken. */
function answered(id: string, section: string, label: string, criterion: string, detector?: string): Build {
  return (_inputs, ctx) => {
    const a = ctx.answer(criterion);
    const found = detector ? ctx.found(detector) : [];
    const good = a.urls.filter((u) => !ctx.broken.has(u));
    const evidence = [...good.map(linkOf), ...found.map((f) => ({ text: `${f.summary} (${f.repo})`, ...(f.url ? { url: f.url } : {}) }))];
    if (good.length > 0 || found.length > 0) return { id, section, label, verdict: 'met', evidence };
    if (a.urls.length > 0) return { id, section, label, verdict: 'not-met', evidence: [], missing: `the links given are broken: ${a.urls.join(', ')}` };
    if (a.text) return { id, section, label, verdict: 'not-met', evidence: [{ text: `the issue says: "${a.text.replace(/\s+/g, ' ').slice(0, 140)}"` }], missing: 'no link to it' };
    if (!a.known) return { id, section, label, verdict: 'unknown', evidence: [], missing: 'the current template has no such criterion' };
    return { id, section, label, verdict: detector && !ctx.discovered ? 'unknown' : 'not-met', evidence: [], missing: a.inIssue ? 'not answered in the issue' : 'the issue does not have this criterion' };
  };
}

/** An item met by a statement (no link needed): answered or ticked. */
function asserted(id: string, section: string, label: string, criterion: string): Build {
  return (_inputs, ctx) => {
    const a = ctx.answer(criterion);
    if (a.text) return { id, section, label, verdict: 'met', evidence: [{ text: `the issue says: "${a.text.replace(/\s+/g, ' ').slice(0, 140)}"` }, ...a.urls.filter((u) => !ctx.broken.has(u)).map(linkOf)] };
    if (a.ticked) return { id, section, label, verdict: 'met', evidence: [{ text: 'ticked in the issue, with no text' }] };
    return { id, section, label, verdict: 'not-met', evidence: [], missing: a.inIssue ? 'neither ticked nor answered in the issue' : 'the issue does not have this criterion' };
  };
}

const adoptersFile: Build = (inputs, ctx) => {
  const base = { id: 'adoption.adopters-file', section: 'Adoption', label: 'Adopters file, linked from the Adoption Assertion, and how many adopters it lists' };
  const files = ctx.found('adopters');
  if (files.length === 0) return { ...base, verdict: ctx.discovered ? 'not-met' : 'unknown', evidence: [], missing: ctx.discovered ? `no adopters file in ${inputs.read.app.repositories.join(', ')} (root, .github/ or docs/)` : 'the repositories could not be examined' };
  const evidence = files.map((f) => {
    const text = f.url ? inputs.texts.get(f.url) : undefined;
    const n = text !== undefined ? countAdopters(text).count : undefined;
    return { text: `${f.summary} (${f.repo})${n !== undefined ? `: ${n} adopter${n === 1 ? '' : 's'} listed` : ''}`, ...(f.url ? { url: f.url } : {}) };
  });
  const linked = [...inputs.read.app.adoption.urls, ...ctx.answer('ecosystem.adopters-list').urls].some((u) => /adopters/i.test(u));
  return { ...base, verdict: linked ? 'met' : 'not-met', evidence, ...(linked ? {} : { missing: 'the Adoption Assertion does not link the adopters file' }) };
};

const interviews: Build = (inputs) => {
  const n = inputs.read.app.adoption.adopters.length;
  return {
    id: 'adoption.interviews', section: 'Adoption', label: '5–7 adopters willing to be interviewed (the TOC\'s adopter form)', verdict: 'unknown',
    evidence: [{ text: `the Adoption Assertion names ${n} organisation${n === 1 ? '' : 's'}` }],
    missing: 'the form\'s responses are not public: the TOC checks them',
  };
};

const maintainers: Build = (inputs, ctx) => {
  const base = { id: 'governance.maintainers-file', section: 'Governance and Maintainers', label: 'Maintainers file, with the number of maintainers and their affiliations' };
  const files = ctx.found('maintainers').filter((f) => !/codeowners|owners$/i.test(f.summary));
  if (files.length === 0) return { ...base, verdict: ctx.discovered ? 'not-met' : 'unknown', evidence: [], missing: ctx.discovered ? 'no MAINTAINERS file in the repositories' : 'the repositories could not be examined' };
  let withAffiliations = false;
  const evidence = files.map((f) => {
    const text = f.url ? inputs.texts.get(f.url) : undefined;
    const m = text !== undefined ? readMaintainers(text) : undefined;
    if (m && m.people > 0 && m.withAffiliation === m.people) withAffiliations = true;
    const detail = m ? `: ${m.people} maintainer${m.people === 1 ? '' : 's'}, ${m.withAffiliation} with an affiliation${m.organisations.length > 0 ? ` (${m.organisations.join(', ')})` : ''}` : '';
    return { text: `${f.summary} (${f.repo})${detail}`, ...(f.url ? { url: f.url } : {}) };
  });
  return { ...base, verdict: withAffiliations ? 'met' : 'not-met', evidence, ...(withAffiliations ? {} : { missing: 'the maintainers\' affiliations are not stated for every maintainer' }) };
};

const securityPolicy: Build = (inputs, ctx) => {
  const base = { id: 'security.policy', section: 'Security', label: 'SECURITY.md with a process to report issues' };
  const files = ctx.found('security-policy');
  if (files.length === 0) return { ...base, verdict: ctx.discovered ? 'not-met' : 'unknown', evidence: [], missing: ctx.discovered ? 'no SECURITY.md in the repositories' : 'the repositories could not be examined' };
  const reporting = files.some((f) => (f.details?.['covered'] as string[] | undefined)?.includes('private-reporting'));
  return { ...base, verdict: reporting ? 'met' : 'not-met', evidence: files.map((f) => ({ text: `${f.summary} (${f.repo})`, ...(f.url ? { url: f.url } : {}) })), ...(reporting ? {} : { missing: 'no private reporting channel found in it' }) };
};

/** The TOC's snapshot in cncf/toc is the artifact the DD needs; the project's own link is shown beside it. */
function snapshot(id: string, section: string, label: string, criterion: string, detector: string, where: string): Build {
  const byAnswer = answered(id, section, label, criterion);
  return (inputs, ctx) => {
    const toc = inputs.discovery?.toc ? (inputs.discovery.toc.items.filter((i) => i.detector === detector)) : [];
    const fromIssue = byAnswer(inputs, ctx);
    const found = toc.filter((i) => i.found);
    if (found.length > 0) return { id, section, label, verdict: 'met', evidence: [...found.map((f) => ({ text: f.summary, ...(f.url ? { url: f.url } : {}) })), ...fromIssue.evidence] };
    const tocNote = toc[0] ? toc[0].summary : `${where} was not looked for (${inputs.discovery?.notDiscovered?.message ?? 'the project\'s name is not known'})`;
    if (fromIssue.verdict === 'met') return { ...fromIssue, missing: `${tocNote}: the TOC uploads the vetted snapshot` };
    return { ...fromIssue, missing: `${fromIssue.missing ?? 'no link'}; ${tocNote}` };
  };
}

const scorecardChecks: Build = (_inputs, ctx) => {
  const base = { id: 'security.scorecard', section: 'Security', label: 'OpenSSF Scorecard: branch protection, token permissions, SAST, CI tests (or other evidence of repository hardening)' };
  const items = ctx.all('scorecard-checks');
  const hardening = ctx.answer('security.access-control').urls.filter((u) => !ctx.broken.has(u));
  if (items.length === 0) return { ...base, verdict: 'unknown', evidence: [], missing: ctx.discovered ? 'no Scorecard check was read' : 'the repositories could not be examined' };
  // per repository: the guide asks it of the project's code, not of every repository
  const repos = [...new Set(items.map((i) => i.repo))];
  const scored = repos.filter((r) => items.some((i) => i.repo === r && i.found));
  const complete = scored.filter((r) => items.filter((i) => i.repo === r).every((i) => i.found));
  const evidence = [...items.filter((i) => scored.includes(i.repo)).map((i) => ({ text: `${i.summary} (${i.repo})`, ...(i.url ? { url: i.url } : {}) })), ...hardening.map(linkOf)];
  const without = repos.filter((r) => !scored.includes(r));
  const note = without.length > 0 ? `no Scorecard result for ${without.join(', ')}` : undefined;
  if (complete.length > 0 || hardening.length > 0) return { ...base, verdict: 'met', evidence, ...(note ? { missing: note } : {}) };
  if (scored.length === 0) return { ...base, verdict: 'unknown', evidence, missing: note ?? 'no Scorecard result' };
  const unscored = items.filter((i) => scored.includes(i.repo) && !i.found).map((i) => `${String(i.details?.['check'] ?? '?')} (${i.repo})`);
  return { ...base, verdict: 'not-met', evidence, missing: `no score for ${unscored.join(', ')}` };
};

const bestPractices: Build = (_inputs, ctx) => {
  const base = { id: 'security.best-practices', section: 'Security', label: 'OpenSSF Best Practices badge: passing, and 100% complete' };
  const items = ctx.all('openssf-badge');
  const badges = items.filter((i) => i.details?.['level'] !== undefined);
  if (badges.length === 0) return { ...base, verdict: ctx.discovered ? 'not-met' : 'unknown', evidence: items.map((i) => ({ text: `${i.summary} (${i.repo})` })), missing: ctx.discovered ? 'no Best Practices badge for the repositories' : 'the repositories could not be examined' };
  const complete = (i: EvidenceItem): boolean => {
    const level = String(i.details?.['level']);
    const pct = (i.details?.['percent'] as { passing?: number } | undefined)?.passing;
    return level === 'silver' || level === 'gold' || (level === 'passing' && (pct === undefined || pct >= 100));
  };
  const evidence = badges.map((i) => ({ text: `${i.summary} (${i.repo})`, ...(i.url ? { url: i.url } : {}) }));
  const ok = badges.some(complete);
  return { ...base, verdict: ok ? 'met' : 'not-met', evidence, ...(ok ? {} : { missing: 'no repository\'s badge is passing at 100%' }) };
};

const ITEMS: Build[] = [
  adoptersFile,
  interviews,
  snapshot('application.gtr', 'Application Process Principles', 'A completed General Technical Review, its snapshot in cncf/toc under projects/<project>/tech-review/', 'application.general-technical-review', 'toc-tech-review', 'the snapshot in cncf/toc'),
  snapshot('application.governance-review', 'Application Process Principles', 'A completed Governance Review', 'application.governance-review', 'toc-governance-review', 'the review in cncf/toc'),
  asserted('application.vendor-neutral', 'Application Process Principles', 'Assertion of vendor neutrality', 'application.vendor-neutral-resources'),
  asserted('application.expectations', 'Application Process Principles', 'Review and acknowledgement of the expectations of CNCF projects', 'application.expectations-acknowledged'),
  answered('governance.docs', 'Governance and Maintainers', 'Link to the project\'s governance', 'governance.clear-and-discoverable', 'governance'),
  maintainers,
  answered('governance.code-of-conduct', 'Governance and Maintainers', 'Link to the project\'s code of conduct', 'governance.code-of-conduct', 'code-of-conduct'),
  answered('community.contributing', 'Contributors and Community', 'Link to the contributing file or the change process', 'community.submit-process', 'contributing'),
  answered('community.channels', 'Contributors and Community', 'Link to the project\'s communication channels', 'community.all-channels', 'community-channels'),
  answered('engineering.roadmap', 'Engineering Principles', 'Link to the roadmap', 'engineering.roadmap', 'roadmap'),
  answered('engineering.release-process', 'Engineering Principles', 'Link to the release process', 'engineering.release-process', 'release-process'),
  securityPolicy,
  scorecardChecks,
  snapshot('security.self-assessment', 'Security', 'The completed security self-assessment, in cncf/toc under projects/<project>/security-assessment/', 'security.self-assessment', 'toc-security-assessment', 'the self-assessment in cncf/toc'),
  bestPractices,
  answered('ecosystem.integrations', 'Ecosystem', 'Integrations and compatibility with other projects', 'ecosystem.integrations'),
];

function labelsFor(items: readonly TriageItem[], unansweredRequired: number, broken: number): TriageReport['labels'] {
  const out: TriageReport['labels'] = [];
  const notMet = (id: string): boolean => items.some((i) => i.id === id && i.verdict === 'not-met');
  if (notMet('adoption.adopters-file')) out.push({ name: TRIAGE_LABELS.adopters, why: 'no adopters file linked or found' });
  if (notMet('security.self-assessment')) out.push({ name: TRIAGE_LABELS.securityAssessment, why: 'no security self-assessment linked' });
  const others = items.filter((i) => i.verdict === 'not-met' && i.id !== 'adoption.adopters-file' && i.id !== 'security.self-assessment').length;
  if (others > 0 || unansweredRequired > 0 || broken > 0) {
    const why = [others > 0 ? `${others} item${others === 1 ? '' : 's'} not met` : '', unansweredRequired > 0 ? `${unansweredRequired} Required criteri${unansweredRequired === 1 ? 'on' : 'a'} unanswered` : '', broken > 0 ? `${broken} broken link${broken === 1 ? '' : 's'}` : ''].filter((x) => x).join(', ');
    out.push({ name: TRIAGE_LABELS.moreInformation, why });
  }
  if (out.length === 0) out.push({ name: TRIAGE_LABELS.ready, why: 'every item has content; nothing found missing' });
  return out;
}

export function triage(inputs: TriageInputs): TriageReport {
  const { read } = inputs;
  const items0 = allItems(inputs.discovery);
  const ctx: Ctx = {
    answer: answers(inputs),
    found: (detector) => items0.filter((i) => i.detector === detector && i.found),
    all: (detector) => items0.filter((i) => i.detector === detector),
    discovered: (inputs.discovery?.results.some((r) => !r.error) ?? false),
    broken: new Set(inputs.links.broken.map((b) => b.url)),
  };
  const items = ITEMS.map((b) => b(inputs, ctx));
  const unanswered = read.template.criteria.flatMap((tc, t) => {
    const cs = read.alignment.answers[t]!.map((d) => read.app.criteria[d]!);
    const ticked = cs.some((c) => c.checked);
    const said = cs.some((c) => c.assertion !== '');
    return ticked && said ? [] : [{ title: tc.title, area: tc.area, level: tc.level ?? null, ticked, answered: said, inIssue: cs.length > 0 }];
  });
  const unansweredRequired = unanswered.filter((u) => u.level === 'required' && !u.answered).length;
  const counts: Record<Verdict, number> = { 'met': 0, 'not-met': 0, 'unknown': 0 };
  for (const i of items) counts[i.verdict]++;
  return {
    issue: { ref: issueRefText(read.ref), url: read.issue.url, title: read.issue.title },
    project: read.app.project ?? null,
    level: read.level,
    template: { date: read.template.info.date, ref: read.template.info.ref, source: read.template.info.source },
    items,
    unanswered,
    brokenLinks: inputs.links.broken,
    linksChecked: inputs.links.checked,
    notDiscovered: inputs.discovery?.notDiscovered?.message ?? (inputs.discovery ? null : 'no repository to examine, or discovery is off'),
    labels: labelsFor(items, unansweredRequired, inputs.links.broken.length),
    counts,
  };
}
