/**
 * Malformed evidence links that need no network to see, each found in merged due-diligence
 * documents: a scheme without `//`, an empty path segment where a GitHub repository belongs, an
 * invisible character in a target, a GitHub repository URL into a path without `blob/<ref>`, a
 * scheme-less autolink, bracketed link text with neither target nor definition, backticks that
 * break link text, a link into a personal fork's branch. Where the intended URL is clear, the
 * finding carries the replacement (a quick fix).
 */
import type { MalformedLink, MalformedReason, Span } from './types';

export interface MalformedCandidate {
  reason: MalformedReason;
  span: Span;
  url: string;
  replacement?: string;
}

/** Invisible characters writers paste into URLs (LRM, RLM, zero-width space/joiners, BOM, word joiner), raw or percent-encoded. */
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF]|%E2%80%8[B-F]|%E2%81%A0|%EF%BB%BF/giu;

/** What follows owner/repo on github.com and is a page of its own (not a file path). */
const GITHUB_ROUTES = new Set(['blob', 'tree', 'raw', 'blame', 'edit', 'commits', 'commit', 'compare', 'issues', 'pull', 'pulls', 'releases', 'tags', 'branches',
  'actions', 'wiki', 'discussions', 'security', 'projects', 'milestones', 'milestone', 'labels', 'graphs', 'network', 'pulse', 'settings', 'contributors',
  'stargazers', 'watchers', 'forks', 'packages', 'deployments', 'archive', 'search', 'community', 'activity', 'rules', 'attestations', 'sponsors', 'pkgs',
  'discussion', 'codespaces', 'new', 'find', 'subscription', 'invitations', 'dependabot', 'insights', 'environments', 'merge_queue', 'rulesets', 'cve']);
/** routes under which a file name is a download or a page, not a file in the tree */
const FILE_ROUTES = new Set(['blob', 'tree', 'raw', 'blame', 'edit', 'commits', 'releases', 'archive', 'actions', 'wiki', 'attestations', 'compare', 'commit']);
const FILE_NAME = /\.(?:md|markdown|ya?ml|json|txt|adoc|rst|toml|go|py|ts|js|rs|sh|html?|pdf|png|svg)$/i;

const GITHUB_URL = /^https?:\/\/(?:www\.)?github\.com\//i;

/**
 * Results of a pure function of a link's text, kept while the editor re-builds the model on each
 * keystroke (every link of the document is looked at again; 1 MB: thousands of links). Keys are
 * at most MAX_KEY characters and there are at most MAX_ENTRIES of them: when full, it starts again.
 */
class TextMemo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly compute: (s: string) => V) {}
  get(s: string): V {
    if (s.length > MAX_KEY) return this.compute(s);
    let v = this.map.get(s);
    if (v === undefined && !this.map.has(s)) {
      v = this.compute(s);
      if (this.map.size >= MAX_ENTRIES) this.map.clear();
      this.map.set(s, v);
    }
    return v as V;
  }
}
const MAX_KEY = 2048;
const MAX_ENTRIES = 20_000;

const targetProblems = new TextMemo((raw: string) => targetProblemOf(raw));

/** The problem of one link's target (`raw`: the destination as written, at `at`). */
export function targetProblem(raw: string, at: Span): MalformedCandidate | undefined {
  const p = targetProblems.get(raw);
  return p ? { ...p, span: at } : undefined;
}

/** the problem of a target wherever it stands (its span is the caller's) */
function targetProblemOf(raw: string): Omit<MalformedCandidate, 'span'> | undefined {
  INVISIBLE.lastIndex = 0;
  if (INVISIBLE.test(raw)) {
    INVISIBLE.lastIndex = 0;
    return { reason: 'invisible', url: raw, replacement: raw.replace(INVISIBLE, '') };
  }
  const noSlashes = /^(https?):(?!\/\/)\/?/i.exec(raw);
  if (noSlashes && raw.length > noSlashes[0].length) return { reason: 'scheme-slashes', url: raw, replacement: `${noSlashes[1]!}://${raw.slice(noSlashes[0].length)}` };
  const gh = GITHUB_URL.exec(raw);
  if (!gh) return undefined;
  const pathEnd = raw.search(/[?#]/);
  const path = raw.slice(gh[0].length, pathEnd < 0 ? raw.length : pathEnd);
  const segs = path.split('/');
  // an empty segment before the last one ("owner//blob/…", "owner/repo//x")
  if (segs.slice(0, -1).some((s) => s === '')) return { reason: 'empty-segment', url: raw };
  const [owner, repo, route, ...rest] = segs;
  if (!owner || !repo || route === undefined || route === '') return undefined;
  const last = rest.length > 0 ? rest[rest.length - 1]! : route;
  const intoFile = FILE_NAME.test(last) && !FILE_ROUTES.has(route);
  if (!GITHUB_ROUTES.has(route) || intoFile) {
    const prefix = `${gh[0]}${owner}/${repo}/`;
    const view = FILE_NAME.test(last) ? 'blob' : 'tree';
    return { reason: 'github-no-ref', url: raw, replacement: `${prefix}${view}/HEAD/${raw.slice(prefix.length)}` };
  }
  return undefined;
}

const DOMAIN_AUTOLINK = /<((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?:\/[^\s<>]*)?)>/gi;
const BRACKETED = /\[([^[\]\n]{2,60})\]/g;

/**
 * Problems in text that did not parse as a link (`raw` is a text node's source at `offset`):
 * `<widgets.io>` and `[Tracking Board]`.
 */
export function textProblems(raw: string, offset: number): MalformedCandidate[] {
  const out: MalformedCandidate[] = [];
  if (raw.includes('<')) {
    DOMAIN_AUTOLINK.lastIndex = 0;
    for (let m = DOMAIN_AUTOLINK.exec(raw); m; m = DOMAIN_AUTOLINK.exec(raw)) {
      const start = offset + m.index + 1;
      out.push({ reason: 'autolink-no-scheme', span: { start, end: start + m[1]!.length }, url: m[1]!, replacement: `https://${m[1]!}` });
    }
  }
  if (raw.includes('[')) {
    BRACKETED.lastIndex = 0;
    for (let m = BRACKETED.exec(raw); m; m = BRACKETED.exec(raw)) {
      const inner = m[1]!;
      const before = raw[m.index - 1];
      const after = raw[m.index + m[0].length];
      if (before === '!' || before === ']' || before === '\\' || after === '(' || after === '[' || after === ':') continue;
      if (!looksLikeLinkText(inner)) continue;
      const start = offset + m.index;
      out.push({ reason: 'no-target', span: { start, end: start + m[0].length }, url: inner });
    }
  }
  return out;
}

/** "Tracking Board", "Security Audit Report": capitalised words, not a choice, a mark or a note. */
function looksLikeLinkText(inner: string): boolean {
  if (/[/^$|]/.test(inner) || inner !== inner.trim()) return false;
  const words = inner.split(/\s+/);
  if (words.length > 6) return false;
  if (inner === inner.toUpperCase()) return false;
  return words.every((w) => /^[A-Z0-9][\w'’.-]*$/u.test(w) || /^(?:of|the|and|for|to|in|on|a|an|&)$/.test(w)) && /^[A-Z]/.test(inner);
}

/**
 * `[text `code](url)`: a backtick in link text opens a code span that swallows the `](`; the
 * code span's source is `raw` at `at`, `line` the text before it on its line.
 */
export function backtickProblem(text: string, code: Span): MalformedCandidate | undefined {
  const raw = text.slice(code.start, code.end);
  if (!raw.startsWith('`') || !raw.endsWith('`')) return undefined;
  const inner = raw.slice(1, -1);
  const close = inner.indexOf('](');
  if (close < 0 || !inner.endsWith(')')) return undefined;
  // the link text's `[` before the code span on its line, with no `]` after it
  let i = code.start - 1;
  while (i >= 0 && text[i] !== '\n' && text[i] !== '[' && text[i] !== ']') i--;
  if (i < 0 || text[i] !== '[') return undefined;
  const span = { start: i, end: code.end };
  const fixed = text.slice(i, code.start) + inner;
  return { reason: 'backtick', span, url: inner.slice(close + 2, -1), replacement: fixed };
}

const FORK_LINK = /^https?:\/\/(?:www\.)?github\.com\/([\w.-]+)\/([\w.-]+)\/(blob|tree)\/([^/?#]+)/i;
const DEFAULT_BRANCHES = new Set(['main', 'master', 'head', 'trunk', 'develop']);

/**
 * A link to `github.com/<user>/<name>/blob/<branch>/…` while the document links to
 * `github.com/<owner>/<name>/…` too: the personal fork's branch the document was written on,
 * not the repository that holds it.
 */
const repositoryPage = new TextMemo((url: string) => /^https?:\/\/(?:www\.)?github\.com\/([\w.-]+)\/([\w.-]+)\/(issues|pull|discussions)\//i.exec(url));
const forkLink = new TextMemo((url: string) => FORK_LINK.exec(url));

export function forkProblems(links: ReadonlyArray<{ url: string; urlSpan: Span | undefined; syntax: string }>, text: string): MalformedCandidate[] {
  const owners = new Map<string, Set<string>>();
  for (const l of links) {
    const m = repositoryPage.get(l.url);
    if (!m) continue;
    const name = m[2]!.toLowerCase();
    if (!owners.has(name)) owners.set(name, new Set());
    owners.get(name)!.add(m[1]!);
  }
  const out: MalformedCandidate[] = [];
  if (owners.size === 0) return out;
  for (const l of links) {
    if (!l.urlSpan) continue;
    const m = forkLink.get(l.url);
    if (!m || DEFAULT_BRANCHES.has(m[4]!.toLowerCase()) || /^[0-9a-f]{7,40}$/i.test(m[4]!) || /^v?\d+(?:\.\d+)+/.test(m[4]!)) continue;
    const home = [...(owners.get(m[2]!.toLowerCase()) ?? [])].filter((o) => o.toLowerCase() !== m[1]!.toLowerCase());
    if (home.length !== 1) continue;
    const raw = text.slice(l.urlSpan.start, l.urlSpan.end);
    if (!raw.startsWith(m[0])) continue;
    const replacement = raw.replace(`${m[1]!}/${m[2]!}/${m[3]!}/${m[4]!}`, `${home[0]!}/${m[2]!}/${m[3]!}/HEAD`);
    out.push({ reason: 'fork', span: l.urlSpan, url: l.url, replacement });
  }
  return out;
}

export function withCriterion(c: MalformedCandidate, criterion: number): MalformedLink {
  return { ...c, criterion };
}
