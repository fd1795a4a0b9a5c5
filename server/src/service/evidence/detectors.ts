/**
 * Evidence detectors: pure functions from what GitHub and OpenSSF said about a repository to
 * short, factual findings with pinned permalinks. No request is made here.
 */
import type { DetectorId, EvidenceItem } from '../profiles/types';
import type { RepoEntry, RepoFacts } from './types';
import { mapInlineLinks } from '../text/trim';
import { openssfItems, type BadgeResult, type OpenSsfMiss, type ScorecardResult } from './openssfFindings';

/** Folders searched, in order of preference. */
export const EVIDENCE_DIRS = ['', '.github/', 'docs/'] as const;

const EXT = String.raw`(?:\.(?:md|markdown|rst|txt|adoc))?`;

/** File detectors: base names (case-insensitive, any of .md/.rst/.txt/none). */
export const FILE_DETECTORS: Array<{ id: DetectorId; label: string; name: RegExp }> = [
  { id: 'security-policy', label: 'security policy', name: new RegExp(`^security${EXT}$`, 'i') },
  { id: 'code-of-conduct', label: 'code of conduct', name: new RegExp(`^code[-_]?of[-_]?conduct${EXT}$`, 'i') },
  { id: 'contributing', label: 'contributing guide', name: new RegExp(`^contributing${EXT}$`, 'i') },
  { id: 'governance', label: 'governance', name: new RegExp(`^governance${EXT}$`, 'i') },
  { id: 'maintainers', label: 'maintainers', name: new RegExp(`^(?:maintainers[\\w.-]*|owners${EXT}|codeowners)$`, 'i') },
  { id: 'adopters', label: 'adopters', name: new RegExp(`^adopters${EXT}$`, 'i') },
  { id: 'roadmap', label: 'roadmap', name: new RegExp(`^roadmap${EXT}$`, 'i') },
  { id: 'release-process', label: 'release process', name: new RegExp(`^(?:release|releases|releasing|release[-_]process)${EXT}$`, 'i') },
  { id: 'changelog', label: 'changelog', name: new RegExp(`^(?:changelog|changes)${EXT}$`, 'i') },
];

const README_RE = new RegExp(`^readme${EXT}$`, 'i');
const LICENSE_RE = /^(?:licen[sc]e|copying)(?:[.-][\w.-]*)?$/i;

export const ALL_DETECTORS: DetectorId[] = [
  ...FILE_DETECTORS.map((d) => d.id),
  'license', 'openssf-badge', 'scorecard', 'scorecard-checks', 'releases', 'contributors', 'contributor-organisations', 'readme-maturity', 'community-channels',
];

/** Detectors of the TOC's review snapshots (one place per project: cncf/toc, not per repository). */
export const TOC_DETECTORS: DetectorId[] = ['toc-tech-review', 'toc-governance-review', 'toc-security-assessment'];

export const DETECTOR_LABEL: Record<DetectorId, string> = {
  ...(Object.fromEntries(FILE_DETECTORS.map((d) => [d.id, d.label])) as Record<DetectorId, string>),
  'license': 'license',
  'openssf-badge': 'OpenSSF Best Practices badge',
  'scorecard': 'OpenSSF Scorecard',
  'releases': 'releases (12 months)',
  'contributors': 'contributors (12 months)',
  'readme-maturity': 'maturity level in README',
  'community-channels': 'community channels in README',
  'scorecard-checks': 'Scorecard checks (branch protection, token permissions, SAST, CI tests)',
  'toc-tech-review': 'General Technical Review in cncf/toc',
  'toc-governance-review': 'Governance Review in cncf/toc',
  'toc-security-assessment': 'security self-assessment in cncf/toc',
  'contributor-organisations': 'organisations behind the commits (12 months)',
  'maintainer-organisations': 'maintainers\' organisations',
  'security-audits': 'security audits',
  'sub-projects': 'sub-projects',
};

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** blob permalink pinned to the commit, path segments encoded */
export function permalink(facts: RepoFacts, path: string, line?: number): string {
  return `${facts.webUrl}/blob/${facts.headSha}/${path.split('/').map(encodeURIComponent).join('/')}${line !== undefined ? `#L${line}` : ''}`;
}

/** Files a detector accepts, in the order root, .github/, docs/. */
export function filesFor(entries: readonly RepoEntry[], name: RegExp): string[] {
  const out: string[] = [];
  for (const dir of EVIDENCE_DIRS) {
    for (const e of entries) {
      if (e.type === 'blob' && dirOf(e.path) === dir && name.test(baseName(e.path))) out.push(e.path);
    }
  }
  return out;
}

export function readmePath(entries: readonly RepoEntry[]): string | undefined {
  return entries.find((e) => e.type === 'blob' && !e.path.includes('/') && README_RE.test(e.path))?.path;
}

export function securityPolicyPath(entries: readonly RepoEntry[]): string | undefined {
  return filesFor(entries, FILE_DETECTORS[0]!.name)[0];
}

// ---- security policy content ------------------------------------------------------------------

export type SecurityTopic = 'supported-versions' | 'private-reporting' | 'disclosure-process' | 'prevention' | 'communication';

const EMAIL_LOCAL = /[\w.+-]/;

/**
 * An address like `security@example.org` or `cncf-kserve-security@lists.cncf.io`: what
 * `/[\w.+-]*security[\w.+-]*@[\w-]+\.[\w.-]+/i` finds, in one pass (the expression is quadratic
 * on a long word, and policies are other people's text).
 */
export function hasSecurityEmail(t: string): boolean {
  let localEnd = -1;
  let localStart = -1;
  for (let at = t.indexOf('@'); at >= 0; at = t.indexOf('@', at + 1)) {
    // the local part: the run of [\w.+-] right before '@' (runs never overlap, so this stays linear)
    if (localEnd !== at) {
      localStart = at;
      while (localStart > 0 && EMAIL_LOCAL.test(t[localStart - 1]!)) localStart--;
      localEnd = at;
    }
    if (!t.slice(localStart, at).toLowerCase().includes('security')) continue;
    // the domain: [\w-]+ then '.' then [\w.-]+
    let d = at + 1;
    while (d < t.length && /[\w-]/.test(t[d]!)) d++;
    if (d === at + 1 || t[d] !== '.' || !/[\w.-]/.test(t[d + 1] ?? '')) continue;
    return true;
  }
  return false;
}

export const SECURITY_TOPICS: Array<{ id: SecurityTopic; label: string; test: (text: string) => boolean }> = [
  {
    id: 'supported-versions',
    label: 'supported versions',
    test: (t) => /supported\s+(?:versions?|releases?)|versions?\s+(?:that\s+are\s+)?supported|maintained\s+(?:versions|releases)|security\s+(?:updates|patches|fixes)\s+(?:for|to)\s+the\s+(?:latest|last|current)/i.test(t),
  },
  {
    id: 'private-reporting',
    label: 'private reporting channel',
    test: (t) => /privately|private(?:ly)?\s+(?:vulnerability\s+)?report|security\/advisories\/new|private\s+(?:security\s+)?(?:mailing\s+list|e-?mail|channel)/i.test(t) || hasSecurityEmail(t),
  },
  {
    id: 'disclosure-process',
    label: 'disclosure process and timelines',
    test: (t) =>
      /disclosure\s+(?:process|policy|timeline)|coordinated\s+(?:vulnerability\s+)?disclosure|embargo/i.test(t) &&
      /within\s+\d+\s+(?:business\s+|working\s+|calendar\s+)?(?:hours?|days?|weeks?)|\b\d+\s+(?:business\s+|working\s+|calendar\s+)?(?:hours|days|weeks)\b/i.test(t),
  },
  {
    id: 'prevention',
    label: 'prevention mechanisms',
    test: (t) => /prevention\s+mechanisms?|prevent(?:ing)?\s+(?:security\s+)?(?:issues|vulnerabilities)|static\s+(?:code\s+)?analysis|dependency\s+(?:management|scanning|updates)|dependabot|fuzz(?:ing)?|image\s+scanning|codeql/i.test(t),
  },
  {
    id: 'communication',
    label: 'communication channels',
    test: (t) => /communication\s+channels?|\bslack\b|\bdiscord\b|github\s+discussions|security\s+(?:announcements?|bulletins?)|announce(?:ments)?\s+(?:list|channel)|(?:users?|dev|developers?|community|announce)\s+mailing\s+list|\bgitter\b|\bmatrix\b/i.test(t),
  },
];

export function securityTopics(text: string): { covered: SecurityTopic[]; missing: SecurityTopic[] } {
  const covered: SecurityTopic[] = [];
  const missing: SecurityTopic[] = [];
  for (const t of SECURITY_TOPICS) (t.test(text) ? covered : missing).push(t.id);
  return { covered, missing };
}

const topicLabel = (id: SecurityTopic): string => SECURITY_TOPICS.find((t) => t.id === id)!.label;

// ---- README ------------------------------------------------------------------------------------

const MATURITY_RE = /\b(sandbox|incubat(?:ion|ing|or)|graduated|graduation)\b/i;
const MATURITY_CONTEXT_RE = /\b(?:cncf|ccc|confidential\s+computing\s+consortium|lf\s*ai|linux\s+foundation|foundation|project|stage|level|maturity)\b/i;

/** The line without its markdown images `![alt](src)` (READMEs are remote text: see mapInlineLinks). */
export function withoutImages(line: string): string {
  return mapInlineLinks(line, true, () => '');
}

/** The first README line that states the project's maturity level (with its line number). */
export function readmeMaturity(text: string): { level: string; line: number; excerpt: string } | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const m = MATURITY_RE.exec(l);
    if (!m || !MATURITY_CONTEXT_RE.test(l)) continue;
    const word = m[1]!.toLowerCase();
    const level = word.startsWith('incubat') ? 'incubation' : word.startsWith('gradua') ? 'graduated' : 'sandbox';
    const excerpt = withoutImages(l).replace(/[#*_>`]/g, '').trim();
    return { level, line: i + 1, excerpt: excerpt.length > 90 ? excerpt.slice(0, 89) + '…' : excerpt };
  }
  return undefined;
}

export const CHANNELS: Array<{ name: string; re: RegExp }> = [
  { name: 'Slack', re: /\bslack\b/i },
  { name: 'mailing list', re: /mailing[\s-]+list|groups\.google\.com|lists\.[\w.-]+\.(?:org|io|dev)|googlegroups/i },
  { name: 'Discord', re: /discord(?:\.gg|\.com|\b)/i },
  { name: 'community meeting', re: /community\s+(?:meeting|call)s?|(?:bi-?)?weekly\s+meetings?|office\s+hours/i },
  { name: 'GitHub Discussions', re: /github\.com\/[\w.-]+\/[\w.-]+\/discussions|github\s+discussions/i },
  { name: 'Matrix/Gitter', re: /\bgitter\b|matrix\.to|\bmatrix\b\s+(?:room|channel)/i },
  { name: 'forum', re: /\bforum\b|discuss\.[\w.-]+\.(?:org|io|dev)/i },
];

export function communityChannels(text: string): string[] {
  return CHANNELS.filter((c) => c.re.test(text)).map((c) => c.name);
}

/** Badge links in a README: bestpractices.dev or the older coreinfrastructure.org host. */
export function badgeProjectId(text: string): number | undefined {
  const m = /(?:bestpractices\.dev|bestpractices\.coreinfrastructure\.org)\/(?:[a-z]{2}(?:-[A-Z]{2})?\/)?projects\/(\d+)/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

// ---- OpenSSF (openssfFindings.ts) -------------------------------------------------------------

export { BADGE_LEVELS, SCORECARD_TRIAGE_CHECKS, type BadgeResult, type OpenSsfMiss, type ScorecardCheck, type ScorecardResult } from './openssfFindings';

// ---- all detectors -----------------------------------------------------------------------------

export interface DetectorInput {
  facts: RepoFacts;
  /** texts read: path → text */
  texts: Record<string, string | undefined>;
  badge: BadgeResult | OpenSsfMiss;
  scorecard: ScorecardResult | OpenSsfMiss;
  now: Date;
}

function yearBefore(now: Date): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d;
}

const day = (iso: string): string => iso.slice(0, 10);

/** `miss(detector, summary)`: a not-found item for the repository, added to `out`. */
function misser(out: EvidenceItem[], repo: string): (detector: DetectorId, summary: string, details?: Record<string, unknown>) => void {
  return (detector, summary, details) => {
    out.push({ detector, repo, found: false, summary, ...(details ? { details } : {}) });
  };
}

/** The files detectors look for (the security policy read for its topics). */
function fileItems(facts: RepoFacts, texts: DetectorInput['texts'], repo: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const miss = misser(out, repo);
  for (const d of FILE_DETECTORS) {
    const paths = filesFor(facts.entries, d.name);
    if (paths.length === 0) {
      miss(d.id, `No ${d.label} file in the root, .github/ or docs/`);
      continue;
    }
    for (const path of d.id === 'security-policy' ? paths.slice(0, 1) : paths) {
      if (d.id === 'security-policy') {
        const text = texts[path];
        if (text === undefined) {
          out.push({ detector: d.id, repo, found: true, summary: `Security policy ${path} (content not read)`, url: permalink(facts, path), details: { path } });
          continue;
        }
        const { covered, missing } = securityTopics(text);
        const n = SECURITY_TOPICS.length;
        const summary = missing.length === 0
          ? `Security policy ${path} covers all ${n} expected topics`
          : `Security policy ${path} covers ${covered.length} of ${n} expected topics (missing: ${missing.map(topicLabel).join(', ')})`;
        out.push({ detector: d.id, repo, found: true, summary, url: permalink(facts, path), details: { path, covered, missing } });
      } else {
        const what = d.label[0]!.toUpperCase() + d.label.slice(1);
        out.push({ detector: d.id, repo, found: true, summary: `${what}: ${path}`, url: permalink(facts, path), details: { path } });
      }
    }
  }

  return out;
}

/** The license GitHub recognises, or the license file. */
function licenseItems(facts: RepoFacts, repo: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const miss = misser(out, repo);
  const licensePath = facts.entries.find((e) => e.type === 'blob' && !e.path.includes('/') && LICENSE_RE.test(e.path))?.path;
  if (facts.license?.spdxId && facts.license.spdxId !== 'NOASSERTION') {
    out.push({
      detector: 'license', repo, found: true,
      summary: `License ${facts.license.spdxId}${licensePath ? ` (${licensePath})` : ''}`,
      ...(licensePath ? { url: permalink(facts, licensePath) } : {}),
      details: { spdxId: facts.license.spdxId, ...(licensePath ? { path: licensePath } : {}) },
    });
  } else if (licensePath) {
    out.push({ detector: 'license', repo, found: true, summary: `License file ${licensePath} (GitHub recognises no SPDX license in it)`, url: permalink(facts, licensePath), details: { spdxId: null, path: licensePath } });
  } else {
    miss('license', 'No license detected');
  }

  return out;
}

/** Releases in the twelve months before `now`. */
function releaseItems(facts: RepoFacts, now: Date, repo: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const miss = misser(out, repo);
  const since = yearBefore(now);
  const recent = facts.releases.filter((r) => r.publishedAt !== undefined && new Date(r.publishedAt) >= since && new Date(r.publishedAt) <= now);
  if (recent.length === 0) {
    const last = facts.releases.find((r) => r.publishedAt !== undefined);
    miss('releases', last ? `No release in the last 12 months (latest ${last.tag} on ${day(last.publishedAt!)})` : 'No GitHub release', { count: 0 });
  } else {
    const latest = recent[0]!;
    const stable = recent.filter((r) => !r.prerelease).length;
    out.push({
      detector: 'releases', repo, found: true,
      summary: `${recent.length} release${recent.length === 1 ? '' : 's'} in the last 12 months${stable !== recent.length ? ` (${stable} stable)` : ''}, latest ${latest.tag} on ${day(latest.publishedAt!)}`,
      url: latest.url,
      details: { count: recent.length, stable, dates: recent.map((r) => day(r.publishedAt!)), tags: recent.map((r) => r.tag) },
    });
  }

  return out;
}

/** Commits and their authors in the last twelve months. */
function contributorItems(facts: RepoFacts, repo: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const miss = misser(out, repo);
  const c = facts.commits;
  if (c.count === 0) miss('contributors', 'No commit on the default branch in the last 12 months', { commits: 0, authors: 0 });
  else {
    const authors = `${c.authorsComplete ? '' : 'at least '}${c.authors.length} distinct author${c.authors.length === 1 ? '' : 's'}`;
    out.push({
      detector: 'contributors', repo, found: true,
      summary: `${c.count} commit${c.count === 1 ? '' : 's'} by ${authors} in the last 12 months`,
      url: `${facts.webUrl}/commits/${facts.headSha}`,
      details: { commits: c.count, authors: c.authors.length, authorsComplete: c.authorsComplete },
    });
  }

  return out;
}

/** The organisations behind the commits read, by the company their authors' GitHub profiles state. */
function organisationItems(facts: RepoFacts, repo: string): EvidenceItem[] {
  const o = facts.commits.organisations;
  if (!o || facts.commits.count === 0) return [];
  const orgs = Object.entries(o.commits).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const read = orgs.reduce((n, [, c]) => n + c, o.unstated);
  const list = orgs.slice(0, 5).map(([name, n]) => `${name} ${n}`).join(', ') + (orgs.length > 5 ? `, ${orgs.length - 5} more` : '');
  const partial = read < facts.commits.count ? ` (the ${read} read of ${facts.commits.count})` : '';
  const summary = orgs.length === 0
    ? `No author of the ${read} commits of the last 12 months${partial} states a company on GitHub`
    : `Commits of the last 12 months${partial} by the company their authors' GitHub profiles state: ${list}${o.unstated > 0 ? `; ${o.unstated} by authors who state none` : ''}`;
  return [{
    detector: 'contributor-organisations', repo, found: orgs.length >= 2, summary,
    url: `${facts.webUrl}/commits/${facts.headSha}`,
    details: { organisations: orgs.map(([name, commits]) => ({ name, commits })), unstated: o.unstated, commits: read, source: 'GitHub profiles (company)' },
  }];
}

/** What the README says: the maturity level and the community channels. */
function readmeItems(facts: RepoFacts, texts: DetectorInput['texts'], repo: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const miss = misser(out, repo);
  const readme = readmePath(facts.entries);
  const readmeText = readme ? texts[readme] : undefined;
  if (!readme || readmeText === undefined) {
    miss('readme-maturity', readme ? 'README not read' : 'No README');
    miss('community-channels', readme ? 'README not read' : 'No README');
  } else {
    const m = readmeMaturity(readmeText);
    if (m) out.push({ detector: 'readme-maturity', repo, found: true, summary: `${readme} states the maturity level "${m.level}" (line ${m.line}: ${m.excerpt})`, url: permalink(facts, readme, m.line), details: { level: m.level, line: m.line } });
    else miss('readme-maturity', `${readme} does not state a maturity level (sandbox, incubation, graduated)`);
    const channels = communityChannels(readmeText);
    if (channels.length > 0) out.push({ detector: 'community-channels', repo, found: true, summary: `${readme} lists community channels: ${channels.join(', ')}`, url: permalink(facts, readme), details: { channels } });
    else miss('community-channels', `${readme} lists no community channel (Slack, mailing list, Discord, meetings…)`);
  }
  return out;
}

export function runDetectors(input: DetectorInput): EvidenceItem[] {
  const { facts, texts } = input;
  const repo = facts.repo;
  return [
    ...fileItems(facts, texts, repo),
    ...licenseItems(facts, repo),
    ...openssfItems(input.badge, input.scorecard, repo),
    ...releaseItems(facts, input.now, repo),
    ...contributorItems(facts, repo),
    ...organisationItems(facts, repo),
    ...readmeItems(facts, texts, repo),
  ];
}
