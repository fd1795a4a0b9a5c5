/**
 * The GitHub client without a token (GraphQL refuses anonymous calls): REST, one request per
 * object, made conditional with the ETag of the previous answer so a re-check after the cache's
 * TTL is cheap. Once the API says the limit is spent, nothing more is sent before the reset.
 */
import { base64ToUtf8 } from '../service/text/base64';
import type { Octokit } from '@octokit/core';
import { SHA_RE } from '../service/links/githubUrl';
import type { GitHubAnswer, GitHubQuery } from '../service/links/types';
import { NetworkError, type OctokitErrorLike, RateLimited, rateLimitOf } from './githubApi';

const MAX_ETAGS = 5000;

export class GitHubRest {
  private readonly etags = new Map<string, { etag: string; data: unknown }>();
  /** once the API says the limit is spent, nothing more is sent before the reset (concurrent workers included) */
  private limitedUntil: RateLimited | undefined;

  constructor(private readonly octokit: Octokit, private readonly concurrency: number) {}

  /** GET a REST route; undefined for 404. Conditional when an earlier answer carried an ETag. */
  async get(route: string, signal: AbortSignal, retry = true): Promise<unknown> {
    if (this.limitedUntil && (this.limitedUntil.resetAt ?? 0) > Date.now()) throw this.limitedUntil;
    const known = this.etags.get(route);
    try {
      const res = await this.octokit.request(`GET ${route}`, { headers: known ? { 'if-none-match': known.etag } : {}, request: { signal } });
      if (res.status >= 300) throw new NetworkError(`unexpected ${res.status} from ${route}`);
      const etag = res.headers.etag;
      if (etag) {
        this.etags.delete(route);
        this.etags.set(route, { etag, data: res.data });
        if (this.etags.size > MAX_ETAGS) this.etags.delete(this.etags.keys().next().value as string);
      }
      return res.data;
    } catch (err) {
      const e = err as OctokitErrorLike;
      if (e.status === 304 && known) return known.data;
      // 422: "No commit found for SHA" (a ref that does not exist)
      if (e.status === 404 || e.status === 451 || e.status === 409 || e.status === 422) return undefined;
      const limited = rateLimitOf(e);
      if (limited) {
        this.limitedUntil = limited;
        throw limited;
      }
      if (e.status !== undefined && e.status >= 500 && e.response && retry) return this.get(route, signal, false);
      if (e.status === 500 && !e.response) throw new NetworkError(e.message, { cause: err });
      throw err;
    }
  }

  /** Answers the queries, `concurrency` at a time. */
  async answer(queries: readonly GitHubQuery[], signal: AbortSignal): Promise<GitHubAnswer[]> {
    // One request per route within a batch, however many links share it (the repository, above all).
    const memo = new Map<string, Promise<unknown>>();
    const get = (route: string): Promise<unknown> => {
      let p = memo.get(route);
      if (!p) {
        p = this.get(route, signal);
        memo.set(route, p);
      }
      return p;
    };
    const answers: GitHubAnswer[] = new Array<GitHubAnswer>(queries.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queries.length) {
        const i = next++;
        answers[i] = await restAnswer(queries[i]!, get);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queries.length) }, worker));
    return answers;
  }
}

async function restAnswer(query: GitHubQuery, get: (route: string) => Promise<unknown>): Promise<GitHubAnswer> {
  const { owner, repo, object: o } = query;
  const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const info = (await get(base)) as { archived?: boolean; default_branch?: string } | undefined;
  if (!info) return { repoExists: false, archived: false, found: undefined };
  const answer: GitHubAnswer = { repoExists: true, archived: info.archived === true, found: true };
  const encPath = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  switch (o.kind) {
    case 'repo':
      if (query.wantText) answer.text = decode(await get(`${base}/readme`));
      break;
    case 'path': {
      const ref = o.ref === '' ? (info.default_branch ?? 'HEAD') : o.ref;
      const contents = await get(`${base}/contents/${encPath(o.path)}?ref=${encodeURIComponent(ref)}`);
      answer.found = contents !== undefined;
      if (answer.found && query.wantText) {
        answer.text = Array.isArray(contents) ? decode(await get(`${base}/readme/${encPath(o.path)}?ref=${encodeURIComponent(ref)}`)) : decode(contents);
      }
      if (SHA_RE.test(ref)) {
        answer.refKind = 'commit';
      } else if (answer.found ? o.view === 'blob' || o.view === 'tree' : true) {
        const branch = (await get(`${base}/branches/${encodeURIComponent(ref)}`)) as { commit?: { sha?: string } } | undefined;
        if (branch?.commit?.sha) {
          answer.refKind = 'branch';
          answer.headSha = branch.commit.sha;
        } else if (!answer.found) {
          const tag = await get(`${base}/git/ref/tags/${encodeURIComponent(ref)}`);
          const commit = tag ? undefined : await get(`${base}/commits/${encodeURIComponent(ref)}`);
          answer.refKind = tag ? 'tag' : commit ? 'commit' : 'unknown';
        } else {
          answer.refKind = 'tag';
        }
      }
      break;
    }
    case 'issue':
    case 'pull': {
      const item = (await get(`${base}/issues/${o.number}`)) as { state?: string; title?: string; closed_at?: string | null; pull_request?: { merged_at?: string | null } } | undefined;
      answer.found = item !== undefined;
      if (item?.state) answer.state = item.pull_request?.merged_at ? 'MERGED' : item.state.toUpperCase();
      if (typeof item?.title === 'string') answer.title = item.title;
      if (item?.closed_at) answer.closedAt = item.closed_at;
      if (item?.pull_request?.merged_at) answer.mergedAt = item.pull_request.merged_at;
      break;
    }
    case 'discussion':
      answer.found = undefined;
      break;
    case 'commit':
      answer.found = (await get(`${base}/commits/${encodeURIComponent(o.sha)}`)) !== undefined;
      break;
    case 'release':
      answer.found = (await get(`${base}/releases/tags/${encodeURIComponent(o.tag)}`)) !== undefined;
      break;
  }
  return answer;
}

function decode(content: unknown): string | undefined {
  const c = content as { content?: string; encoding?: string } | undefined;
  if (!c || typeof c.content !== 'string' || c.encoding !== 'base64') return undefined;
  return base64ToUtf8(c.content);
}
