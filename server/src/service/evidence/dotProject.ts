/**
 * CNCF's project metadata repository, `<org>/.project` (schema: cncf/automation,
 * utilities/dot-project/SCHEMA.md): `project.yaml` (adopters, security policy and contact,
 * audits, sub-projects, Slack channels and mailing lists, governance documents) and
 * `maintainers.yaml` (teams of GitHub handles). Pure: from the files' texts (and the companies the
 * maintainers state on their GitHub profiles) to dated evidence items of the usual detectors.
 *
 * Organisations are never guessed: a maintainer's organisation is the company their GitHub
 * profile states (a leading "@" dropped, compared without case), else "not stated".
 */
import type { DetectorId, EvidenceItem } from '../profiles/types';
import { parseYaml, YamlError, YAML_LIMITS, type YamlValue } from './yamlLite';

export const PROJECT_FILE = 'project.yaml';
export const MAINTAINERS_FILE = 'maintainers.yaml';
/** the detectors `.project` answers, in the report's order */
export const PROJECT_DETECTORS: DetectorId[] = ['maintainers', 'maintainer-organisations', 'adopters', 'security-policy', 'security-audits', 'sub-projects', 'community-channels', 'governance'];

/** What one request read from a `.project` repository. */
export interface ProjectListing {
  /** "org/.project" */
  repo: string;
  webUrl: string;
  headSha: string;
  /** by file name: its text (undefined: missing or binary) and size in bytes */
  files: Record<string, { text: string | undefined; byteSize: number } | undefined>;
}

export interface MaintainerTeam {
  name: string;
  members: string[];
  /** false: tracked for documentation only (`managed: false`), e.g. reviewers or emeritus */
  managed: boolean;
}

/** The maintainers of `.project`, for other features (e.g. the interview lint). */
export interface ProjectMaintainers {
  /** "org/.project" */
  repo: string;
  /** permalink of maintainers.yaml at the commit read */
  url: string;
  /** YYYY-MM-DD the file was read */
  asOf: string;
  /** GitHub handles of the current maintainers, as written (an "@" dropped), no duplicates */
  maintainers: string[];
  emeritus: string[];
  teams: MaintainerTeam[];
  /** handle (lower case) → company stated on the GitHub profile (null: none stated); absent when not asked */
  companies?: Record<string, string | null>;
}

type Obj = { [key: string]: YamlValue };
const isObj = (v: YamlValue | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: YamlValue | undefined): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const arr = (v: YamlValue | undefined): YamlValue[] => (Array.isArray(v) ? v : []);
const pathRef = (v: YamlValue | undefined): string | undefined => (isObj(v) ? str(v['path']) : str(v));

const EMERITUS_RE = /emeritus|former|alumni|retired/i;
const HANDLE_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** A URL safe to write into a markdown link: https, no blank, bracket or angle bracket, bounded. */
export function safeLink(u: string | undefined): string | undefined {
  if (!u || u.length > 300 || !u.startsWith('https://')) return undefined;
  for (const ch of u) if (ch <= ' ' || '()<>[]"\'`\\'.includes(ch)) return undefined;
  return u;
}

/** A company as GitHub profiles state it: trimmed, a leading "@" dropped, blanks collapsed; undefined when empty. */
export function normaliseCompany(c: string | null | undefined): string | undefined {
  const s = (c ?? '').replace(/\s+/g, ' ').trim().replace(/^@/, '').trim().slice(0, 80);
  return s === '' ? undefined : s;
}

/** The teams of maintainers.yaml (every entry's teams, handles normalised). */
export function readMaintainers(doc: YamlValue): MaintainerTeam[] {
  const teams: MaintainerTeam[] = [];
  const entries = isObj(doc) ? arr(doc['maintainers']) : [];
  for (const e of entries) {
    if (!isObj(e)) continue;
    for (const t of arr(e['teams'])) {
      if (!isObj(t)) continue;
      const members = [...new Set(arr(t['members']).map((m) => (typeof m === 'string' ? m.trim().replace(/^@/, '') : '')).filter((m) => HANDLE_RE.test(m)))];
      teams.push({ name: str(t['name']) ?? '', members, managed: t['managed'] !== false });
    }
  }
  return teams;
}

/** Current maintainers (managed teams but emeritus ones) and emeritus, without duplicates (case-insensitive). */
export function maintainersOf(teams: readonly MaintainerTeam[]): { maintainers: string[]; emeritus: string[] } {
  const seen = new Set<string>();
  const pick = (ts: MaintainerTeam[]): string[] => ts.flatMap((t) => t.members).filter((m) => !seen.has(m.toLowerCase()) && (seen.add(m.toLowerCase()), true));
  const maintainers = pick(teams.filter((t) => t.managed && !EMERITUS_RE.test(t.name)));
  const emeritus = pick(teams.filter((t) => EMERITUS_RE.test(t.name)));
  return { maintainers, emeritus };
}

/** The maintainers' handles to ask GitHub about (at most `max`). */
export function maintainerLogins(listing: ProjectListing, max = 300): string[] {
  const read = readFile(listing, MAINTAINERS_FILE);
  return 'doc' in read ? maintainersOf(readMaintainers(read.doc)).maintainers.slice(0, max) : [];
}

function readFile(listing: ProjectListing, name: string): { doc: YamlValue; text: string } | { problem: string } {
  const f = listing.files[name];
  if (!f || f.text === undefined) return { problem: `${listing.repo} has no ${name}` };
  if (f.byteSize > YAML_LIMITS.maxBytes) return { problem: `${name} in ${listing.repo} is ${Math.round(f.byteSize / 1024)} KB, more than the ${YAML_LIMITS.maxBytes / 1024} KB read` };
  try {
    return { doc: parseYaml(f.text), text: f.text };
  } catch (e) {
    if (e instanceof YamlError) return { problem: `${name} in ${listing.repo} could not be read (${e.message})` };
    throw e;
  }
}

function permalink(l: ProjectListing, file: string, line?: number): string {
  return `${l.webUrl}/blob/${l.headSha}/${file}${line ? `#L${line}` : ''}`;
}

/** 1-based line of a top-level key, for the permalink's anchor. */
function keyLine(text: string, key: string): number | undefined {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${key}:`));
  return i >= 0 ? i + 1 : undefined;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function organisationItem(l: ProjectListing, maintainers: string[], companies: Record<string, string | null> | undefined): EvidenceItem | undefined {
  if (!companies || maintainers.length === 0) return undefined;
  const byOrg = new Map<string, { name: string; n: number }>();
  let unstated = 0;
  for (const m of maintainers) {
    const c = normaliseCompany(companies[m.toLowerCase()]);
    if (!c) {
      unstated++;
      continue;
    }
    const o = byOrg.get(c.toLowerCase()) ?? { name: c, n: 0 };
    o.n++;
    byOrg.set(c.toLowerCase(), o);
  }
  const orgs = [...byOrg.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
  const stated = maintainers.length - unstated;
  const list = orgs.slice(0, 6).map((o) => `${o.name} ${o.n}`).join(', ') + (orgs.length > 6 ? `, ${orgs.length - 6} more` : '');
  const summary = stated === 0
    ? `None of the ${plural(maintainers.length, 'maintainer')} in maintainers.yaml states a company on GitHub`
    : `${plural(orgs.length, 'organisation')} among the ${plural(maintainers.length, 'maintainer')} in maintainers.yaml, by the company their GitHub profiles state: ${list}${unstated > 0 ? `; ${unstated} state none` : ''}`;
  return {
    detector: 'maintainer-organisations', repo: l.repo, found: orgs.length >= 2, summary, url: permalink(l, MAINTAINERS_FILE),
    details: { path: MAINTAINERS_FILE, organisations: orgs.map((o) => ({ name: o.name, maintainers: o.n })), unstated, maintainers: maintainers.length, source: 'GitHub profiles (company)', companies: Object.fromEntries(maintainers.map((m) => [m.toLowerCase(), normaliseCompany(companies[m.toLowerCase()]) ?? null])) },
  };
}

function maintainerItems(l: ProjectListing, companies: Record<string, string | null> | undefined): EvidenceItem[] {
  const read = readFile(l, MAINTAINERS_FILE);
  if ('problem' in read) {
    return [
      { detector: 'maintainers', repo: l.repo, found: false, summary: read.problem },
      { detector: 'maintainer-organisations', repo: l.repo, found: false, summary: read.problem },
    ];
  }
  const teams = readMaintainers(read.doc);
  const { maintainers, emeritus } = maintainersOf(teams);
  if (maintainers.length === 0) return [{ detector: 'maintainers', repo: l.repo, found: false, summary: `maintainers.yaml in ${l.repo} lists no maintainer` }];
  const names = teams.filter((t) => t.managed && !EMERITUS_RE.test(t.name)).map((t) => t.name).filter((n) => n !== '');
  const out: EvidenceItem[] = [{
    detector: 'maintainers', repo: l.repo, found: true,
    summary: `maintainers.yaml lists ${plural(maintainers.length, 'maintainer')}${names.length > 0 ? ` (${names.slice(0, 3).join(', ')})` : ''}${emeritus.length > 0 ? ` and ${emeritus.length} emeritus` : ''}`,
    url: permalink(l, MAINTAINERS_FILE),
    details: { path: MAINTAINERS_FILE, maintainers, emeritus, teams },
  }];
  const org = organisationItem(l, maintainers, companies);
  if (org) out.push(org);
  return out;
}

/** One item per detector from project.yaml; `ref` is where the file says it (a URL or a path). */
function projectItems(l: ProjectListing): EvidenceItem[] {
  const read = readFile(l, PROJECT_FILE);
  const detectors: DetectorId[] = ['adopters', 'security-policy', 'security-audits', 'sub-projects', 'community-channels', 'governance'];
  if ('problem' in read) return detectors.map((detector) => ({ detector, repo: l.repo, found: false, summary: read.problem }));
  const doc = isObj(read.doc) ? read.doc : {};
  const at = (key: string): string => permalink(l, PROJECT_FILE, keyLine(read.text, key));
  const item = (detector: DetectorId, summary: string | undefined, key: string, target: string | undefined, missing: string, extra: Record<string, unknown> = {}): EvidenceItem =>
    summary === undefined
      ? { detector, repo: l.repo, found: false, summary: `project.yaml in ${l.repo} ${missing}` }
      : { detector, repo: l.repo, found: true, summary, url: safeLink(target) ?? at(key), details: { path: PROJECT_FILE, key, ...extra } };
  const out: EvidenceItem[] = [];

  const adopters = pathRef(doc['adopters']);
  out.push(item('adopters', adopters !== undefined ? 'project.yaml names the adopters list' : undefined, 'adopters', adopters, 'names no adopters list'));

  const sec = isObj(doc['security']) ? doc['security'] : {};
  const policy = pathRef(sec['policy']);
  const contact = isObj(sec['contact']) ? sec['contact'] : {};
  const ways = [str(contact['email']) ? 'an e-mail address' : '', safeLink(str(contact['advisory_url'])) ? 'the GitHub advisory form' : ''].filter((w) => w !== '');
  const secParts = [policy ? 'the security policy' : '', ways.length > 0 ? `a security contact (${ways.join(' and ')})` : '', pathRef(sec['threat_model']) ? 'a threat model' : ''].filter((p) => p !== '');
  out.push(item('security-policy', secParts.length > 0 ? `project.yaml names ${secParts.join(', ')}` : undefined, 'security', policy, 'names no security policy or contact', { contact: ways.length > 0 }));

  const audits = arr(doc['audits']).filter(isObj).map((a) => ({ type: str(a['type']) ?? '?', date: (str(a['date']) ?? '').slice(0, 10), url: str(a['url']) })).sort((a, b) => b.date.localeCompare(a.date));
  const security = audits.filter((a) => /security/i.test(a.type));
  out.push(item('security-audits', audits.length > 0 ? `project.yaml lists ${plural(audits.length, 'audit')}: ${audits.slice(0, 4).map((a) => `${a.type} ${a.date}`).join(', ')}` : undefined, 'audits', (security[0] ?? audits[0])?.url, 'lists no audit', { audits: audits.length, security: security.length }));

  const gov = isObj(doc['governance']) ? doc['governance'] : {};
  const subList = pathRef(gov['sub_project_list']);
  const subDocs = pathRef(gov['sub_project_docs']);
  out.push(item('sub-projects', subList || subDocs ? `project.yaml names ${[subList ? 'the sub-project list' : '', subDocs ? 'the sub-project documentation' : ''].filter((s) => s).join(' and ')}` : undefined, 'governance', subList ?? subDocs, 'names no sub-project list'));

  const slack = arr(doc['slack_channels']).filter(isObj).map((c) => str(c['name'])).filter((n): n is string => n !== undefined);
  const lists = arr(doc['mailing_lists']).filter((m) => typeof m === 'string');
  const chParts = [
    slack.length > 0 ? `Slack ${slack.slice(0, 3).join(', ')}${slack.length > 3 ? ` (+${slack.length - 3})` : ''}` : '',
    lists.length > 0 ? plural(lists.length, 'mailing list') : '',
    pathRef(gov['comms_channels']) ? 'a channels page' : '',
    pathRef(gov['community_calendar']) ? 'a community calendar' : '',
  ].filter((p) => p !== '');
  out.push(item('community-channels', chParts.length > 0 ? `project.yaml lists ${chParts.join(', ')}` : undefined, slack.length > 0 ? 'slack_channels' : 'governance', pathRef(gov['comms_channels']), 'lists no community channel'));

  const govDoc = pathRef(gov['governance_doc']);
  out.push(item('governance', govDoc !== undefined ? 'project.yaml names the governance document' : undefined, 'governance', govDoc, 'names no governance document'));
  return out;
}

/** The evidence of a `.project` repository. */
export function dotProjectItems(l: ProjectListing, companies: Record<string, string | null> | undefined): EvidenceItem[] {
  return [...maintainerItems(l, companies), ...projectItems(l)];
}

/** The maintainers recorded in `.project` evidence (the `maintainers` item of maintainers.yaml), with their companies. */
export function projectMaintainersOf(items: readonly EvidenceItem[], checkedAt: number): ProjectMaintainers | undefined {
  const m = items.find((i) => i.detector === 'maintainers' && i.found && i.details?.['path'] === MAINTAINERS_FILE);
  if (!m || !m.url) return undefined;
  const d = m.details ?? {};
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const org = items.find((i) => i.detector === 'maintainer-organisations' && i.details?.['path'] === MAINTAINERS_FILE);
  const companies = org?.details?.['companies'];
  return {
    repo: m.repo,
    url: m.url,
    asOf: new Date(checkedAt).toISOString().slice(0, 10),
    maintainers: strings(d['maintainers']),
    emeritus: strings(d['emeritus']),
    teams: Array.isArray(d['teams']) ? (d['teams'] as MaintainerTeam[]) : [],
    ...(companies && typeof companies === 'object' ? { companies: companies as Record<string, string | null> } : {}),
  };
}
