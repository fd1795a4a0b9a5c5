/**
 * Where a document's template comes from, in this order: the front matter's `template:` (a file
 * next to the document, or `owner/name[:path]@ref`), the `diligence.templates.file` setting /
 * `--template FILE`, the workspace when the document lives in a checkout of the template's
 * repository (the file on disk; its history from git, when the host can run it), the canonical
 * file through the GitHub API (at a ref, cached with a TTL; its history through the commits API,
 * each version cached for good by commit), and last the built-in criteria, said so. Nothing here
 * touches the disk, git or the network itself: the host passes in a FileSystem, a TemplateGit and
 * a TemplateGitHub.
 */
import type { DiligenceConfig } from '../config';
import type { ApiOutcome, RepoRef } from '../evidence/types';
import { type CancellationToken, type FileSystem, throwIfCancelled } from '../host';
import { readFrontMatter } from '../model/frontMatter';
import type { DiligenceModel } from '../model/types';
import type { Profile } from '../profiles/types';
import { TtlCache } from '../ttlCache';
import { builtinTemplate, parseTemplate, type TemplateInfo, type TemplateModel, type TemplateSource } from './model';

/** The date of the templates the built-in criteria follow. */
export const BUILTIN_CRITERIA_DATE = '2026-06-29';

export interface FileCommit {
  sha: string;
  /** ISO date-time */
  date: string;
}

/** What the GitHub API is asked for a template. */
export interface TemplateGitHub {
  /** the commits that changed `path` up to `ref` ('' = the default branch), newest first */
  fileCommits(repo: RepoRef, path: string, ref: string, token: CancellationToken): Promise<ApiOutcome<FileCommit[]>>;
  /** the file's text at a commit */
  fileAt(repo: RepoRef, path: string, sha: string, token: CancellationToken): Promise<ApiOutcome<string>>;
  readonly requestCount: number;
}

/**
 * What git is asked for a template, in the checkout the document lives in: the same history the
 * GitHub API gives, read from the clone. The host runs git only inside `dir` (a file URI, the
 * checkout's root) and answers a failure (no git, no repository, a timeout) like the API would.
 */
export interface TemplateGit {
  /** the commits that changed `path` (relative to `dir`) up to the checkout's HEAD, newest first */
  fileCommits(dir: string, path: string, token: CancellationToken): Promise<ApiOutcome<FileCommit[]>>;
  /** the file's text at a commit */
  fileAt(dir: string, path: string, sha: string, token: CancellationToken): Promise<ApiOutcome<string>>;
}

export interface CachedTemplate {
  checkedAt: number;
  /** commits of a path at a ref (TTL) */
  commits?: FileCommit[];
  /** a version's text (kept for good: a commit does not change) */
  text?: string;
}

function isCachedTemplate(v: unknown): v is CachedTemplate {
  const c = v as Partial<CachedTemplate> | null | undefined;
  return !!c && typeof c.checkedAt === 'number' && (c.text === undefined || typeof c.text === 'string') &&
    (c.commits === undefined || (Array.isArray(c.commits) && c.commits.every((x: Partial<FileCommit> | null) => typeof x?.sha === 'string' && typeof x.date === 'string')));
}

/** Template texts and commit lists, serialised by the host into its storage folder. */
export class TemplateCache extends TtlCache<CachedTemplate> {
  constructor(maxEntries = 500) {
    super(maxEntries, isCachedTemplate);
  }
}

const FOREVER_MS = 100 * 365 * 24 * 3600 * 1000;

export interface TemplateVersion {
  sha: string;
  /** YYYY-MM-DD */
  date: string;
  template: TemplateModel;
}

export interface ResolvedTemplate {
  template: TemplateModel;
  /** the template's versions, oldest first, the one held to last; empty when not known */
  history: TemplateVersion[];
}

export interface TemplateSources {
  files?: FileSystem;
  /** the history of a template in a workspace checkout (trusted workspaces only) */
  git?: TemplateGit;
  github?: TemplateGitHub;
  cache?: TemplateCache;
  /** ms since the epoch */
  now(): number;
}

export interface ResolveParams {
  docUri: string;
  model: DiligenceModel;
  profile: Profile;
  config: DiligenceConfig;
  /** also read the template's history (git in a workspace checkout, or GitHub) */
  history: boolean;
  /** false: no request at all (offline, untrusted workspace) */
  allowNetwork: boolean;
}

/** The built-in criteria standing in for the template, saying why. */
export function builtinResolved(profile: Profile, problem?: string): ResolvedTemplate {
  const info: TemplateInfo = { source: 'builtin', path: '', ref: '', date: BUILTIN_CRITERIA_DATE, ...(problem ? { problem } : {}) };
  return { template: builtinTemplate(profile, info), history: [] };
}

function fileUri(pathOrUri: string, base?: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUri) && !/^[a-z]:[\\/]/i.test(pathOrUri)) return pathOrUri;
  try {
    if (pathOrUri.startsWith('/')) return new URL(`file://${encodeURI(pathOrUri)}`).toString();
    return base ? new URL(encodeURI(pathOrUri), base).toString() : undefined;
  } catch {
    return undefined;
  }
}

async function fromFile(uri: string | undefined, label: string, source: TemplateSource, profile: Profile, files: FileSystem | undefined): Promise<ResolvedTemplate> {
  const text = uri && files ? await files.readFile(uri).catch(() => undefined) : undefined;
  if (text === undefined) return builtinResolved(profile, `${label} could not be read`);
  return { template: parseTemplate(text, profile, { source, path: uri!, ref: '', date: '' }), history: [] };
}

/** `owner/name@ref` or `owner/name:path@ref` (front matter). */
function githubSpec(value: string): { repo: string; path?: string; ref: string } | undefined {
  const at = value.lastIndexOf('@');
  if (at <= 0) return undefined;
  const head = value.slice(0, at);
  const ref = value.slice(at + 1).trim();
  const colon = head.indexOf(':');
  const repo = colon < 0 ? head : head.slice(0, colon);
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^[\w./-]+$/.test(ref)) return undefined;
  return { repo, ...(colon >= 0 ? { path: head.slice(colon + 1).replace(/^\/+/, '') } : {}), ref };
}

/** The ancestors of a file URI's folder, nearest first. */
export function ancestors(uri: string): string[] {
  if (!uri.startsWith('file:')) return [];
  const out: string[] = [];
  let u: URL;
  try {
    u = new URL('.', uri);
  } catch {
    return [];
  }
  for (let i = 0; i < 40; i++) {
    out.push(u.toString());
    const up = new URL('..', u);
    if (up.toString() === u.toString()) break;
    u = up;
  }
  return out;
}

async function fromWorkspace(p: ResolveParams, s: TemplateSources, token: CancellationToken): Promise<ResolvedTemplate | undefined> {
  const path = p.config.templates.path || p.profile.template?.path;
  const files = s.files;
  if (!files || !path) return undefined;
  for (const dir of ancestors(p.docUri)) {
    const uri = new URL(path, dir).toString();
    if (!(await files.exists(uri).catch(() => false))) continue;
    const text = await files.readFile(uri).catch(() => undefined);
    if (text === undefined) continue;
    const info: TemplateInfo = { source: 'workspace', path, ref: '', date: '' };
    const history = p.history && s.git ? await gitHistory(p, s, s.git, dir, path, text, token) : undefined;
    return history ?? { template: parseTemplate(text, p.profile, info), history: [] };
  }
  return undefined;
}

const day = (iso: string): string => iso.slice(0, 10);

/**
 * The versions of a template, oldest first, from the commits that changed it (newest first): each
 * older one read with `read` (one that cannot be read is left out of the history, not the
 * template), the newest one the template held to.
 */
async function versionsOf(commits: readonly FileCommit[], held: TemplateModel, read: (c: FileCommit) => Promise<TemplateModel | undefined>, token: CancellationToken): Promise<TemplateVersion[]> {
  const head = commits[0]!;
  const history: TemplateVersion[] = [];
  for (const c of [...commits].reverse()) {
    if (c === head) break;
    const t = await read(c);
    throwIfCancelled(token);
    if (t) history.push({ sha: c.sha, date: day(c.date), template: t });
  }
  history.push({ sha: head.sha, date: day(head.date), template: held });
  return history;
}

/**
 * A workspace template with its history from git: the file's commits in the checkout at `dir`.
 * Undefined (the file on disk without a history) when git cannot tell, or when the file on disk
 * differs from its last commit (edited, not committed: no version of the history is the one held to).
 */
async function gitHistory(p: ResolveParams, s: TemplateSources, git: TemplateGit, dir: string, path: string, text: string, token: CancellationToken): Promise<ResolvedTemplate | undefined> {
  const commits = await git.fileCommits(dir, path, token);
  throwIfCancelled(token);
  if (!commits.ok || commits.value.length === 0) return undefined;
  const head = commits.value[0]!;
  const last = await git.fileAt(dir, path, head.sha, token);
  throwIfCancelled(token);
  const lf = (x: string): string => x.replace(/\r\n/g, '\n');
  if (!last.ok || lf(last.value) !== lf(text)) return undefined;
  const info = (c: FileCommit): TemplateInfo => ({ source: 'workspace', path, ref: c.sha, date: day(c.date) });
  const template = parseVersion(s, text, p.profile, info(head));
  const read = async (c: FileCommit): Promise<TemplateModel | undefined> => {
    const t = await git.fileAt(dir, path, c.sha, token);
    return t.ok ? parseVersion(s, t.value, p.profile, info(c)) : undefined;
  };
  return { template, history: await versionsOf(commits.value, template, read, token) };
}

export async function cachedText(s: TemplateSources, online: boolean, repo: RepoRef, path: string, sha: string, token: CancellationToken): Promise<ApiOutcome<string>> {
  const key = `blob:${repo.owner}/${repo.name}:${path}#${sha}`.toLowerCase();
  const hit = s.cache?.get(key, s.now());
  if (hit?.text !== undefined) return { ok: true, value: hit.text };
  if (!online) return { ok: false, kind: 'network', message: 'the network is off and this version is not cached' };
  const r = await s.github!.fileAt(repo, path, sha, token);
  if (r.ok) s.cache?.set(key, { checkedAt: s.now(), text: r.value }, FOREVER_MS);
  return r;
}

/** Parsed versions per set of sources: a commit's template is parsed once for every document. */
const parsedVersions = new WeakMap<TemplateSources, Map<string, TemplateModel>>();

function parseVersion(s: TemplateSources, text: string, profile: Profile, info: TemplateInfo): TemplateModel {
  let m = parsedVersions.get(s);
  if (!m) parsedVersions.set(s, (m = new Map()));
  const key = `${profile.id}\u0000${info.source}\u0000${info.repo ?? ''}\u0000${info.path}\u0000${info.ref}`;
  const hit = m.get(key);
  if (hit && hit.profile === profile) return hit;
  const t = parseTemplate(text, profile, info);
  m.set(key, t);
  return t;
}

async function fromGitHub(p: ResolveParams, s: TemplateSources, spec: { repo: string; path: string; ref: string }, source: TemplateSource, token: CancellationToken): Promise<ResolvedTemplate> {
  const where = `${spec.repo}/${spec.path}${spec.ref ? `@${spec.ref}` : ''}`;
  const online = s.github !== undefined && p.allowNetwork;
  const fail = (why: string): ResolvedTemplate => builtinResolved(p.profile, `the template (${where}) could not be read: ${why}`);
  const [owner = '', name = ''] = spec.repo.split('/');
  const repo = { owner, name };
  const key = `commits:${spec.repo}:${spec.path}@${spec.ref}`.toLowerCase();
  let commits = s.cache?.get(key, s.now())?.commits;
  if (!commits) {
    if (!online) return fail('the network is off and nothing is cached');
    const r = await s.github!.fileCommits(repo, spec.path, spec.ref, token);
    throwIfCancelled(token);
    // "not found" is an answer, kept like one (a rate limit or a network failure is not)
    if (!r.ok && r.kind !== 'not-found') return fail(r.message);
    commits = r.ok ? r.value : [];
    s.cache?.set(key, { checkedAt: s.now(), commits }, p.config.templates.cacheTtl * 1000);
  }
  const head = commits[0];
  if (!head) return fail('not found on GitHub');
  const info = (c: FileCommit): TemplateInfo => ({ source, path: spec.path, ref: c.sha, date: day(c.date), repo: spec.repo });
  const text = await cachedText(s, online, repo, spec.path, head.sha, token);
  throwIfCancelled(token);
  if (!text.ok) return fail(text.message);
  const template = parseVersion(s, text.value, p.profile, info(head));
  if (!p.history) return { template, history: [] };
  const read = async (c: FileCommit): Promise<TemplateModel | undefined> => {
    const t = await cachedText(s, online, repo, spec.path, c.sha, token);
    return t.ok ? parseVersion(s, t.value, p.profile, info(c)) : undefined;
  };
  return { template, history: await versionsOf(commits, template, read, token) };
}

/** The template a document is held to, from the first source that has it. */
export async function resolveTemplate(p: ResolveParams, s: TemplateSources, token: CancellationToken): Promise<ResolvedTemplate> {
  const named = readFrontMatter(p.model.text)?.fields.get('template');
  if (typeof named === 'string' && named.trim()) {
    const spec = githubSpec(named.trim());
    if (spec) {
      const path = spec.path ?? p.profile.template?.path ?? '';
      return fromGitHub(p, s, { repo: spec.repo, path, ref: spec.ref }, 'front-matter', token);
    }
    return fromFile(fileUri(named.trim(), p.docUri), `the template named in the front matter (${named.trim()})`, 'front-matter', p.profile, s.files);
  }
  if (p.config.templates.file) {
    return fromFile(fileUri(p.config.templates.file), `the template file ${p.config.templates.file}`, 'file', p.profile, s.files);
  }
  const local = await fromWorkspace(p, s, token);
  if (local) return local;
  const repo = p.config.templates.repo || p.profile.template?.repo;
  const path = p.config.templates.path || p.profile.template?.path;
  if (!repo || !path) return builtinResolved(p.profile);
  return fromGitHub(p, s, { repo, path, ref: p.config.templates.ref || p.profile.template?.ref || '' }, 'github', token);
}
