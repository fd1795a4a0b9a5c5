/**
 * The TOC's review snapshots in cncf/toc, under `projects/<project>/` (dd-toc-guide.md and the
 * templates give the paths): the General Technical Review at `tech-review/YYYY-MM-DD.md`, the
 * Governance Review at `governance-review/YYYY-MM-DD.md`, the security self-assessment at
 * `security-assessment/self-assessment.md`. Pure: the listing and the texts come from discovery.
 *
 * Stable API (used by the triage of application issues): `tocProjectSlug`, `tocFolders`,
 * `tocItems`, `parseGovernanceReview`. Items have `repo` = the TOC repository ("cncf/toc") and:
 * - `toc-tech-review`: details = { path, date?, snapshots } (newest snapshot; `date` from its name)
 * - `toc-governance-review`: details = { path, date?, status?, mustFix: string[],
 *   improvements: string[] } (status undefined while the template's "Exemplary | …" is unfilled)
 * - `toc-security-assessment`: details = { path }
 * A missing one has `found: false`, no url, and a summary saying where it was looked for.
 */
import type { EvidenceItem } from '../profiles/types';
import type { RepoEntry } from './types';
import { htmlComments } from '../model/scan';

/** What discovery read of cncf/toc for one project. */
export interface TocListing {
  /** "cncf/toc" as configured */
  repo: string;
  /** the folder name under projects/ */
  project: string;
  /** https://github.com/cncf/toc */
  webUrl: string;
  /** the commit read: permalinks are pinned to it */
  headSha: string;
  /** false: there is no projects/<project>/ folder */
  exists: boolean;
  /** files and folders under projects/<project>/ and its review folders, paths from the repository root */
  entries: RepoEntry[];
}

/** Folder names per detector (the self-assessment folder is misspelt in some projects). */
const FOLDERS = {
  tech: ['tech-review'],
  governance: ['governance-review'],
  security: ['security-assessment', 'security-assesment', 'self-assessment'],
} as const;

/** The project's folder name as cncf/toc spells them: lower case, words joined by hyphens. */
export function tocProjectSlug(name: string): string {
  const words = name.normalize('NFKD').toLowerCase().split(/[^a-z0-9]+/);
  return words.filter((w) => w !== '').join('-');
}

/** The folders to list, from the repository root: the project's, then each review folder. */
export function tocFolders(project: string): string[] {
  const base = `projects/${project}`;
  return [base, ...[...FOLDERS.tech, ...FOLDERS.governance, ...FOLDERS.security].map((f) => `${base}/${f}`)];
}

const DATE_RE = /^(\d{4}-\d{2}-\d{2})/;
const MD_RE = /\.(?:md|markdown)$/i;

function filesIn(listing: TocListing, folders: readonly string[]): string[] {
  const base = `projects/${listing.project}/`;
  return listing.entries
    .filter((e) => e.type === 'blob' && MD_RE.test(e.path) && folders.some((f) => e.path.startsWith(`${base}${f}/`) && !e.path.slice(base.length + f.length + 1).includes('/')))
    .map((e) => e.path);
}

const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The newest snapshot: dated names first, newest date first; then any other name. */
export function newestSnapshot(paths: readonly string[]): { path: string; date?: string } | undefined {
  const dated = paths.map((p) => ({ path: p, date: DATE_RE.exec(nameOf(p))?.[1] }));
  dated.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.path.localeCompare(b.path));
  const top = dated[0];
  return top ? { path: top.path, ...(top.date ? { date: top.date } : {}) } : undefined;
}

/** The governance review the discovery reads the text of (the newest). */
export function governanceReviewPath(listing: TocListing): string | undefined {
  return newestSnapshot(filesIn(listing, FOLDERS.governance))?.path;
}

// ---- the governance review's summary -----------------------------------------------------------

export interface GovernanceReview {
  /** "Satisfactory", …; undefined while the template's choice list is unfilled */
  status: string | undefined;
  mustFix: string[];
  improvements: string[];
}

/** The text with its HTML comments replaced by a space (htmlComments: linear where /<!--[^]*?-->/g is not). */
function withoutComments(s: string): string {
  let out = '';
  let pos = 0;
  for (const c of htmlComments(s)) {
    out += `${s.slice(pos, c.start)} `;
    pos = c.end;
  }
  return out + s.slice(pos);
}

const clean = (s: string): string => {
  const t = withoutComments(s).replace(/\s+/g, ' ').trim();
  return t.length > 400 ? `${t.slice(0, 399)}…` : t;
};
const NOTHING_RE = /^(?:none|n\/a|nothing|no (?:must-fix )?items?)\b/i;
const BULLET_RE = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t](.*)$/;

/** The items of a section: its bullets (continuation lines joined), else its plain paragraphs. */
function sectionItems(lines: readonly string[]): string[] {
  const bullets: string[] = [];
  const paragraphs: string[] = [];
  let inBullet = false;
  let para: string[] = [];
  const flushPara = (): void => {
    const p = clean(para.join(' '));
    // the template's bold lead-in ("**The following issues … :**") is not an item
    if (p && !/^\*\*[^*]*\*\*:?$/.test(p)) paragraphs.push(p);
    para = [];
  };
  for (const line of lines) {
    const b = BULLET_RE.exec(line);
    if (b) {
      flushPara();
      bullets.push(b[1]!);
      inBullet = true;
    } else if (line.trim() === '') {
      if (!inBullet) flushPara();
      inBullet = false;
    } else if (inBullet) {
      bullets[bullets.length - 1] += ` ${line.trim()}`;
    } else if (bullets.length === 0) {
      para.push(line.trim());
    }
  }
  flushPara();
  const items = bullets.length > 0 ? bullets : paragraphs;
  return items.map(clean).filter((t) => t !== '' && !NOTHING_RE.test(t));
}

/** The status line and the Must-Fix Items and Areas for Improvement of a governance review. */
export function parseGovernanceReview(text: string): GovernanceReview {
  const lines = text.split(/\r?\n/);
  let status: string | undefined;
  const sections = new Map<'must' | 'improve', string[]>();
  let inSection: 'must' | 'improve' | undefined;
  let fence = false;
  for (const line of lines) {
    if (/^ {0,3}(?:```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const h = /^ {0,3}#{1,6}[ \t](.*)$/.exec(line);
    if (h) {
      const title = h[1]!.replace(/[#*_`]/g, '').trim().toLowerCase();
      inSection = /^must[- ]?fix/.test(title) ? 'must' : /^areas? (?:for|of) improvement/.test(title) ? 'improve' : undefined;
      if (inSection) sections.set(inSection, []);
      continue;
    }
    const s = status === undefined ? /^\s*\*\*Status:?\*\*:?(.+)$/i.exec(line) : null;
    if (s) {
      const v = clean(s[1]!.replace(/[*_]/g, ''));
      // the template's choice list, still unfilled
      status = v.includes('|') || v === '' ? '' : v;
      continue;
    }
    if (inSection) sections.get(inSection)!.push(line);
  }
  return {
    status: status === '' ? undefined : status,
    mustFix: sectionItems(sections.get('must') ?? []),
    improvements: sectionItems(sections.get('improve') ?? []),
  };
}

// ---- items -------------------------------------------------------------------------------------

function link(listing: TocListing, path: string): string {
  return `${listing.webUrl}/blob/${listing.headSha}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The three TOC detectors' items; `texts` holds the governance review's text by path. */
export function tocItems(listing: TocListing, texts: Record<string, string | undefined>): EvidenceItem[] {
  const repo = listing.repo;
  const where = `projects/${listing.project}/`;
  if (!listing.exists) {
    const why = `${repo} has no ${where} folder`;
    return [
      { detector: 'toc-tech-review', repo, found: false, summary: `No General Technical Review snapshot: ${why}` },
      { detector: 'toc-governance-review', repo, found: false, summary: `No Governance Review: ${why}` },
      { detector: 'toc-security-assessment', repo, found: false, summary: `No security self-assessment: ${why}` },
    ];
  }
  const out: EvidenceItem[] = [];

  const tech = filesIn(listing, FOLDERS.tech);
  const gtr = newestSnapshot(tech);
  if (gtr) {
    out.push({
      detector: 'toc-tech-review', repo, found: true,
      summary: `General Technical Review snapshot${gtr.date ? ` of ${gtr.date}` : ''} in ${repo} (${gtr.path}${tech.length > 1 ? `; ${plural(tech.length, 'snapshot')}` : ''})`,
      url: link(listing, gtr.path), details: { path: gtr.path, ...(gtr.date ? { date: gtr.date } : {}), snapshots: tech.length },
    });
  } else {
    out.push({ detector: 'toc-tech-review', repo, found: false, summary: `No General Technical Review snapshot in ${repo} under ${where}tech-review/` });
  }

  const gov = newestSnapshot(filesIn(listing, FOLDERS.governance));
  if (gov) {
    const text = texts[gov.path];
    const review = text !== undefined ? parseGovernanceReview(text) : undefined;
    const facts = review
      ? `: status ${review.status ?? 'not stated'}, ${plural(review.mustFix.length, 'must-fix item')}, ${plural(review.improvements.length, 'area for improvement', 'areas for improvement')}`
      : ' (content not read)';
    out.push({
      detector: 'toc-governance-review', repo, found: true,
      summary: `Governance Review${gov.date ? ` of ${gov.date}` : ''} in ${repo}${facts}`,
      url: link(listing, gov.path),
      details: { path: gov.path, ...(gov.date ? { date: gov.date } : {}), ...(review ? { ...(review.status ? { status: review.status } : {}), mustFix: review.mustFix, improvements: review.improvements } : {}) },
    });
  } else {
    out.push({ detector: 'toc-governance-review', repo, found: false, summary: `No Governance Review in ${repo} under ${where}governance-review/` });
  }

  const sec = filesIn(listing, FOLDERS.security);
  const self = sec.find((p) => /self-assessment\.md$/i.test(p)) ?? sec[0];
  if (self) out.push({ detector: 'toc-security-assessment', repo, found: true, summary: `Security self-assessment in ${repo} (${self})`, url: link(listing, self), details: { path: self } });
  else out.push({ detector: 'toc-security-assessment', repo, found: false, summary: `No security self-assessment in ${repo} under ${where}security-assessment/` });
  return out;
}
