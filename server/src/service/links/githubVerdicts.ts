/**
 * GitHub objects (repositories, files at a ref, issues, pull requests, commits, releases) asked
 * through the GitHub API in one batch, and what its answers mean for a link: missing, archived,
 * a branch that could be pinned, a path that is probably a typo. Objects another check is already
 * asking about are shared, not asked twice.
 */
import { throwIfCancelled, type CancellationToken, type Logger } from '../host';
import { closestPath } from './closest';
import { SHA_RE, type GitHubLink, type GitHubObject } from './githubUrl';
import { DEFAULT_RATE_LIMIT_MS, type Attempt, type HttpPolicy } from './httpPolicy';
import { markdownAnchors } from './slug';
import type { GitHubAnswer, GitHubApi, GitHubQuery, LinkProblem, ResourceResult } from './types';
import { Code } from '../codes';

/** the name the GitHub API's attempts (and its rate limit) are recorded under */
export const GITHUB_API_HOST = 'github-api';

/** One GitHub object a check wants to know about; `key` is its cache key. */
export interface GitHubItem {
  gl: GitHubLink;
  q: GitHubQuery;
  key: string;
}

interface Asked {
  gl: GitHubLink;
  q: GitHubQuery;
  resolve: (r: ResourceResult) => void;
  reject: (e: unknown) => void;
}

export function ghQuery(gl: GitHubLink): GitHubQuery {
  const o = gl.object;
  const wantText = gl.fragment !== '' && !(o.kind === 'issue' || o.kind === 'pull' || o.kind === 'discussion' || o.kind === 'commit' || o.kind === 'release');
  return { owner: gl.owner, repo: gl.repo, object: o, wantText };
}

export function ghCacheKey(gl: GitHubLink, wantText: boolean): string {
  return `gh:${gl.key}${wantText ? '#text' : ''}`;
}

export class GitHubVerdicts {
  private readonly inflight = new Map<string, Promise<ResourceResult>>();

  constructor(
    private readonly api: GitHubApi,
    private readonly policy: HttpPolicy,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  /**
   * What is known of each item, in order: shared with what another check is already asking, the
   * rest asked in one batch (recorded as one attempt on the API). Nothing is asked while the API
   * rate-limits us.
   */
  lookup(items: readonly GitHubItem[], token: CancellationToken, attempted: (a: Attempt) => void): Promise<ResourceResult>[] {
    const blocked = this.policy.blockedUntil(GITHUB_API_HOST);
    if (blocked !== undefined) return items.map(() => Promise.resolve({ checkedAt: this.now(), problems: [], rateLimitedUntil: blocked }));
    const toAsk = new Map<string, Asked>();
    const out = items.map((p) => {
      let promise = this.inflight.get(p.key);
      if (!promise) {
        promise = new Promise<ResourceResult>((resolve, reject) => toAsk.set(p.key, { gl: p.gl, q: p.q, resolve, reject }));
        this.inflight.set(p.key, promise);
        const forget = (): void => void this.inflight.delete(p.key);
        promise.then(forget, forget);
      }
      return promise;
    });
    if (toAsk.size > 0) void this.ask([...toAsk.values()], token, attempted);
    return out;
  }

  /** Settles every asked promise, never throws: a failure (cancellation) rejects them all. */
  private async ask(asked: Asked[], token: CancellationToken, attempted: (a: Attempt) => void): Promise<void> {
    try {
      const outcome = await this.api.query(asked.map((a) => a.q), token);
      throwIfCancelled(token);
      if (outcome.ok) {
        attempted({ answered: true, host: GITHUB_API_HOST });
        await Promise.all(
          asked.map(async (a, i) => {
            const answer = outcome.answers[i];
            a.resolve(answer ? await this.result(a.gl, a.q, answer, token) : { checkedAt: this.now(), problems: [] });
          }),
        );
        return;
      }
      attempted({ answered: outcome.kind !== 'network', failure: outcome.kind === 'network' ? 'other' : undefined, host: GITHUB_API_HOST });
      if (outcome.kind === 'rate-limited') {
        const until = outcome.resetAt ?? this.now() + DEFAULT_RATE_LIMIT_MS;
        this.policy.block(GITHUB_API_HOST, until);
        for (const a of asked) a.resolve({ checkedAt: this.now(), problems: [], rateLimitedUntil: until });
      } else {
        this.log.warn(`links: GitHub API: ${outcome.message}`);
        for (const a of asked) a.resolve({ checkedAt: this.now(), problems: [{ code: Code.linkUnreachable, message: `GitHub API: ${outcome.message}` }], networkFailure: 'other' });
      }
    } catch (e) {
      for (const a of asked) a.reject(e);
    }
  }

  /** What GitHub's answer means for the link. */
  private async result(gl: GitHubLink, q: GitHubQuery, a: GitHubAnswer, token: CancellationToken): Promise<ResourceResult> {
    const checkedAt = this.now();
    const name = `${gl.owner}/${gl.repo}`;
    if (!a.repoExists) return { checkedAt, problems: [{ code: Code.linkBroken, message: `Repository ${name} does not exist (or is private).` }] };
    const problems: LinkProblem[] = [];
    if (a.archived) problems.push({ code: Code.linkArchived, message: `Repository ${name} is archived: it is no longer maintained.` });
    const o = gl.object;
    const result: ResourceResult = { checkedAt, problems };
    if (a.found === false) {
      if (o.kind === 'path' && a.refKind === 'unknown' && o.path !== '') {
        // `blob/release/v1.2/docs/x.md`: the ref may be `release/v1.2` (the URL cannot tell).
        const other = await this.slashRef(gl, q, token);
        if (other) return this.result(other.gl, other.q, other.a, token);
      }
      const missing = await this.missing(gl, a, token);
      if (missing) problems.push(missing);
      return result;
    }
    if (o.kind === 'path' && (o.view === 'blob' || o.view === 'tree') && a.refKind === 'branch' && a.headSha !== undefined && !SHA_RE.test(o.ref)) {
      result.pinSha = a.headSha;
      if (o.ref.includes('/')) result.pinRefSegments = o.ref.split('/').length;
    }
    result.summary = ghSummary(name, o, a);
    if (q.wantText && a.text !== undefined) {
      result.lineCount = a.text.split('\n').length - (a.text.endsWith('\n') ? 1 : 0);
      const isMarkdown = o.kind !== 'path' || o.view === 'tree' || /\.(md|markdown|mdown)$/i.test(o.path);
      if (isMarkdown) {
        result.anchors = markdownAnchors(a.text);
        result.anchorsComplete = true;
      }
    }
    return result;
  }

  /** The problem with an object GitHub does not have (a missing path gets a "did you mean"). */
  private async missing(gl: GitHubLink, a: GitHubAnswer, token: CancellationToken): Promise<LinkProblem | undefined> {
    const o = gl.object;
    const name = `${gl.owner}/${gl.repo}`;
    switch (o.kind) {
      case 'path': {
        if (a.refKind === 'unknown') return { code: Code.linkBroken, message: `${name} has no branch, tag or commit "${o.ref}".` };
        const p: LinkProblem = { code: Code.linkBroken, message: `${o.path} does not exist in ${name} at ${o.ref}.` };
        const paths = await this.api.listPaths(gl.owner, gl.repo, o.ref, token);
        throwIfCancelled(token);
        const near = paths ? closestPath(o.path, paths) : undefined;
        const fixed = near !== undefined ? replacePath(gl.key, o.ref, o.path, near) : undefined;
        if (near !== undefined && fixed !== undefined) {
          p.message = `${o.path} does not exist in ${name} at ${o.ref}; did you mean ${near}?`;
          p.replacement = fixed;
          p.replacementTitle = `Change to ${near}`;
        }
        return p;
      }
      case 'issue':
        return { code: Code.linkBroken, message: `Issue #${o.number} does not exist in ${name}.` };
      case 'pull':
        return { code: Code.linkBroken, message: `Pull request #${o.number} does not exist in ${name}.` };
      case 'discussion':
        return { code: Code.linkBroken, message: `Discussion #${o.number} does not exist in ${name}.` };
      case 'commit':
        return { code: Code.linkBroken, message: `Commit ${o.sha} does not exist in ${name}.` };
      case 'release':
        return { code: Code.linkBroken, message: `Release ${o.tag} does not exist in ${name}.` };
      case 'repo':
        return undefined;
    }
  }

  /**
   * The first other split of `ref/path` whose ref exists (up to 4 more segments in the ref),
   * asked in one batch; undefined when none is a ref.
   */
  private async slashRef(gl: GitHubLink, q: GitHubQuery, token: CancellationToken): Promise<{ gl: GitHubLink; q: GitHubQuery; a: GitHubAnswer } | undefined> {
    const o = gl.object;
    if (o.kind !== 'path') return undefined;
    const segs = o.path.split('/');
    const alts: { gl: GitHubLink; q: GitHubQuery }[] = [];
    for (let k = 1; k <= Math.min(4, segs.length); k++) {
      const object: GitHubObject = { ...o, ref: [o.ref, ...segs.slice(0, k)].join('/'), path: segs.slice(k).join('/') };
      alts.push({ gl: { ...gl, object }, q: { ...q, object } });
    }
    const outcome = await this.api.query(alts.map((x) => x.q), token);
    throwIfCancelled(token);
    if (!outcome.ok) return undefined;
    const i = outcome.answers.findIndex((x) => x.repoExists && x.refKind !== undefined && x.refKind !== 'unknown');
    return i >= 0 ? { ...alts[i]!, a: outcome.answers[i]! } : undefined;
  }
}

function replacePath(key: string, ref: string, oldPath: string, newPath: string): string | undefined {
  const enc = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  const suffix = `/${enc(ref)}/${enc(oldPath)}`;
  const alt = `/${ref}/${oldPath}`;
  if (key.endsWith(suffix)) return key.slice(0, -suffix.length) + `/${enc(ref)}/${enc(newPath)}`;
  if (key.endsWith(alt)) return key.slice(0, -alt.length) + `/${ref}/${newPath}`;
  return undefined;
}

function day(iso: string | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '';
}

/** One line on what GitHub said about an object that exists. */
export function ghSummary(name: string, o: GitHubObject, a: GitHubAnswer): string {
  const archived = a.archived ? ' · repository archived' : '';
  switch (o.kind) {
    case 'repo':
      return `Repository ${name}${archived}`;
    case 'path': {
      const what = o.view === 'tree' ? 'Folder' : 'File';
      const where = o.path === '' ? name : `${o.path}`;
      let at: string;
      if (o.ref === '') at = 'the default branch';
      else if (a.refKind === 'branch') at = `${o.ref}@${(a.headSha ?? '').slice(0, 7)} (branch)`;
      else if (a.refKind === 'tag') at = `tag ${o.ref}`;
      else if (SHA_RE.test(o.ref) || a.refKind === 'commit') at = `commit ${o.ref.slice(0, 7)}`;
      else at = o.ref;
      return `${what} ${where} at ${at}${archived}`;
    }
    case 'issue':
    case 'pull': {
      const kind = o.kind === 'pull' || a.mergedAt !== undefined ? 'Pull request' : 'Issue';
      const title = a.title ? ` "${a.title.length > 80 ? a.title.slice(0, 79) + '…' : a.title}"` : '';
      const state =
        a.state === 'MERGED' ? `merged${day(a.mergedAt ?? a.closedAt) ? ` on ${day(a.mergedAt ?? a.closedAt)}` : ''}`
        : a.state === 'CLOSED' ? `closed${day(a.closedAt) ? ` on ${day(a.closedAt)}` : ''}`
        : a.state === 'OPEN' ? 'open'
        : 'state unknown';
      return `${kind} #${o.number}${title} · ${state}${archived}`;
    }
    case 'discussion':
      return `Discussion #${o.number}${archived}`;
    case 'commit':
      return `Commit ${o.sha.slice(0, 7)}${archived}`;
    case 'release':
      return `Release ${o.tag}${archived}`;
  }
}
