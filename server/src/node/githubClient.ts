/**
 * GitHubApi over @octokit/rest, against config.github.apiUrl (github.com or GitHub Enterprise
 * Server: Octokit maps https://HOST/api/v3 to https://HOST/api/graphql for GraphQL).
 *
 * With a token, a batch of links costs one GraphQL request per 50 objects. Without one (GraphQL
 * refuses anonymous calls) it falls back to REST, one request per object, made conditional with
 * the ETag of the previous answer so a re-check after the cache's TTL is cheap.
 *
 * The token goes only to the API origin: every request passes through a fetch wrapper that drops
 * the Authorization header for any other origin and never follows redirects.
 */
import { Octokit } from '@octokit/rest';
import type { CancellationToken, Logger } from '../service/host';
import { silentLogger } from '../service/host';
import { SHA_RE } from '../service/links/githubUrl';
import { trimEndChars } from '../service/text/trim';
import { describeUnreachable, neverReached } from './unreachable';
import type { GitHubAnswer, GitHubApi, GitHubOutcome, GitHubQuery } from '../service/links/types';

export interface GitHubClientOptions {
  apiUrl: string;
  /** from the VS Code GitHub session or GITHUB_TOKEN; never stored */
  token?: string;
  logger?: Logger;
  userAgent?: string;
  /** objects per GraphQL request */
  batchSize?: number;
  /** REST requests in flight at once (no-token mode) */
  concurrency?: number;
  fetch?: typeof fetch;
}

export interface GitHubClient extends GitHubApi {
  /** requests sent to the API so far (for logs and the benchmark) */
  readonly requestCount: number;
}

export class RateLimited extends Error {
  constructor(readonly resetAt: number | undefined) {
    super('rate limited');
  }
}

export class NetworkError extends Error {}

export interface OctokitErrorLike {
  status?: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
  errors?: { type?: string; message?: string }[];
  data?: unknown;
  /** GraphqlResponseError: the response's headers */
  headers?: Record<string, string | number | undefined>;
}

function header(e: OctokitErrorLike, name: string): string | undefined {
  const v = e.response?.headers[name];
  return v === undefined ? undefined : String(v);
}

export function rateLimitOf(e: OctokitErrorLike): RateLimited | undefined {
  const remaining = header(e, 'x-ratelimit-remaining');
  const reset = header(e, 'x-ratelimit-reset');
  const retryAfter = header(e, 'retry-after');
  if (e.status === 429 || (e.status === 403 && (remaining === '0' || retryAfter !== undefined))) {
    const resetAt = reset !== undefined ? Number(reset) * 1000 : retryAfter !== undefined ? Date.now() + Number(retryAfter) * 1000 : undefined;
    return new RateLimited(resetAt);
  }
  return undefined;
}

const q = (s: string): string => JSON.stringify(s);

/**
 * An Octokit for the configured API whose fetch drops the Authorization header for any other
 * origin and never follows redirects; shared by the link checker and evidence discovery.
 */
export function createApiOctokit(options: GitHubClientOptions): { octokit: Octokit; readonly requestCount: number } {
  const apiUrl = trimEndChars(options.apiUrl, '/');
  const apiOrigin = new URL(apiUrl).origin;
  const log = options.logger ?? silentLogger;
  const baseFetch = options.fetch ?? globalThis.fetch;
  let requestCount = 0;

  const guardedFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input.toString() : input.url);
    const headers = new Headers(init?.headers);
    if (url.origin !== apiOrigin) headers.delete('authorization');
    requestCount++;
    return baseFetch(url, { ...init, headers, redirect: 'manual' });
  };

  const octokit = new Octokit({
    baseUrl: apiUrl,
    ...(options.token ? { auth: options.token } : {}),
    userAgent: options.userAgent ?? 'diligence',
    request: { fetch: guardedFetch, redirect: 'manual' },
    log: { debug: (m: string) => log.debug(m), info: (m: string) => log.debug(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) },
  });
  return {
    octokit,
    get requestCount() {
      return requestCount;
    },
  };
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const log = options.logger ?? silentLogger;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 4;
  const api = createApiOctokit(options);
  const octokit = api.octokit;

  // ---- REST with ETags ------------------------------------------------------------------------

  const etags = new Map<string, { etag: string; data: unknown }>();
  const MAX_ETAGS = 5000;

  /** GET a REST route; undefined for 404. Conditional when an earlier answer carried an ETag. */
  /** once the API says the limit is spent, nothing more is sent before the reset (concurrent workers included) */
  let limitedUntil: RateLimited | undefined;

  async function restGet(route: string, signal: AbortSignal, retry = true): Promise<unknown> {
    if (limitedUntil && (limitedUntil.resetAt ?? 0) > Date.now()) throw limitedUntil;
    const known = etags.get(route);
    try {
      const res = await octokit.request(`GET ${route}`, { headers: known ? { 'if-none-match': known.etag } : {}, request: { signal } });
      if (res.status >= 300) throw new NetworkError(`unexpected ${res.status} from ${route}`);
      const etag = res.headers.etag;
      if (etag) {
        etags.delete(route);
        etags.set(route, { etag, data: res.data });
        if (etags.size > MAX_ETAGS) etags.delete(etags.keys().next().value as string);
      }
      return res.data;
    } catch (err) {
      const e = err as OctokitErrorLike;
      if (e.status === 304 && known) return known.data;
      // 422: "No commit found for SHA" (a ref that does not exist)
      if (e.status === 404 || e.status === 451 || e.status === 409 || e.status === 422) return undefined;
      const limited = rateLimitOf(e);
      if (limited) {
        limitedUntil = limited;
        throw limited;
      }
      if (e.status !== undefined && e.status >= 500 && e.response && retry) return restGet(route, signal, false);
      if (neverReached(err)) throw new NetworkError(describeUnreachable(err, options.apiUrl));
      throw err;
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
    return Buffer.from(c.content, 'base64').toString('utf8');
  }

  async function viaRest(queries: readonly GitHubQuery[], signal: AbortSignal): Promise<GitHubAnswer[]> {
    // One request per route within a batch, however many links share it (the repository, above all).
    const memo = new Map<string, Promise<unknown>>();
    const get = (route: string): Promise<unknown> => {
      let p = memo.get(route);
      if (!p) {
        p = restGet(route, signal);
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
    await Promise.all(Array.from({ length: Math.min(concurrency, queries.length) }, worker));
    return answers;
  }

  // ---- GraphQL batches ------------------------------------------------------------------------

  function objectFields(query: GitHubQuery, alias: string): string {
    const o = query.object;
    const blob = query.wantText ? '... on Blob { text isBinary }' : '';
    switch (o.kind) {
      case 'repo':
        return query.wantText ? `${alias}r: object(expression: ${q('HEAD:README.md')}) { __typename ${blob} }` : '';
      case 'path': {
        const ref = o.ref === '' ? 'HEAD' : o.ref;
        const fields = [`${alias}: object(expression: ${q(`${ref}:${o.path}`)}) { __typename ${blob} }`];
        if (query.wantText && o.view === 'tree') fields.push(`${alias}r: object(expression: ${q(`${ref}:${o.path === '' ? '' : o.path + '/'}README.md`)}) { __typename ${blob} }`);
        if (!SHA_RE.test(ref) && ref !== 'HEAD') {
          fields.push(`${alias}b: ref(qualifiedName: ${q(`refs/heads/${ref}`)}) { target { oid } }`);
          fields.push(`${alias}t: ref(qualifiedName: ${q(`refs/tags/${ref}`)}) { name }`);
          fields.push(`${alias}c: object(expression: ${q(ref)}) { oid }`);
        }
        return fields.join('\n');
      }
      case 'issue':
      case 'pull':
        return `${alias}: issueOrPullRequest(number: ${o.number}) { __typename ... on Issue { issueState: state title closedAt } ... on PullRequest { pullState: state title closedAt mergedAt } }`;
      case 'discussion':
        return `${alias}: discussion(number: ${o.number}) { id }`;
      case 'commit':
        return `${alias}: object(expression: ${q(o.sha)}) { __typename }`;
      case 'release':
        return `${alias}: release(tagName: ${q(o.tag)}) { id }`;
    }
  }

  async function viaGraphQL(queries: readonly GitHubQuery[], signal: AbortSignal): Promise<GitHubAnswer[]> {
    const answers: GitHubAnswer[] = [];
    for (let start = 0; start < queries.length; start += batchSize) {
      const chunk = queries.slice(start, start + batchSize);
      const repos = new Map<string, number>();
      const parts: string[] = [];
      const fieldsByRepo = new Map<number, string[]>();
      chunk.forEach((query, i) => {
        const key = `${query.owner.toLowerCase()}/${query.repo.toLowerCase()}`;
        let r = repos.get(key);
        if (r === undefined) {
          r = repos.size;
          repos.set(key, r);
          fieldsByRepo.set(r, ['isArchived']);
          parts.push(`r${r}: repository(owner: ${q(query.owner)}, name: ${q(query.repo)}) { __FIELDS${r}__ }`);
        }
        fieldsByRepo.get(r)!.push(objectFields(query, `o${i}`));
      });
      let text = `query {\n${parts.join('\n')}\nrateLimit { remaining resetAt }\n}`;
      for (const [r, fields] of fieldsByRepo) text = text.replace(`__FIELDS${r}__`, fields.filter((f) => f !== '').join('\n'));
      const data = await graphqlWithRetry(text, signal);
      chunk.forEach((query, i) => {
        const r = repos.get(`${query.owner.toLowerCase()}/${query.repo.toLowerCase()}`)!;
        answers.push(graphAnswer(query, data[`r${r}`] as Record<string, unknown> | null | undefined, `o${i}`));
      });
    }
    return answers;
  }

  async function graphqlWithRetry(text: string, signal: AbortSignal, retry = true): Promise<Record<string, unknown>> {
    try {
      return await octokit.graphql<Record<string, unknown>>(text, { request: { signal } });
    } catch (err) {
      const e = err as OctokitErrorLike;
      if (Array.isArray(e.errors)) {
        if (e.errors.some((x) => x.type === 'RATE_LIMITED')) {
          const reset = e.headers?.['x-ratelimit-reset'];
          throw new RateLimited(reset !== undefined ? Number(reset) * 1000 : undefined);
        }
        // NOT_FOUND for a missing repository or object: the partial data says which.
        if (e.errors.every((x) => x.type === 'NOT_FOUND') && e.data) return e.data as Record<string, unknown>;
        throw new Error(e.errors.map((x) => x.message).join('; '), { cause: err });
      }
      const limited = rateLimitOf(e);
      if (limited) throw limited;
      if (e.status !== undefined && e.status >= 500 && e.response && retry) return graphqlWithRetry(text, signal, false);
      if (neverReached(err)) throw new NetworkError(describeUnreachable(err, options.apiUrl));
      throw err;
    }
  }

  function graphAnswer(query: GitHubQuery, repo: Record<string, unknown> | null | undefined, alias: string): GitHubAnswer {
    if (!repo) return { repoExists: false, archived: false, found: undefined };
    const answer: GitHubAnswer = { repoExists: true, archived: repo['isArchived'] === true, found: true };
    const o = query.object;
    const obj = repo[alias] as { __typename?: string; text?: string | null; issueState?: string; pullState?: string; title?: string; closedAt?: string | null; mergedAt?: string | null } | null | undefined;
    const readme = repo[`${alias}r`] as { text?: string | null } | null | undefined;
    switch (o.kind) {
      case 'repo':
        if (readme?.text) answer.text = readme.text;
        break;
      case 'path': {
        answer.found = obj != null;
        if (query.wantText) {
          const t = o.view === 'tree' ? readme?.text : obj?.text;
          if (t) answer.text = t;
        }
        const ref = o.ref === '' ? 'HEAD' : o.ref;
        if (SHA_RE.test(ref) || ref === 'HEAD') {
          answer.refKind = 'commit';
        } else {
          const branch = repo[`${alias}b`] as { target?: { oid?: string } } | null | undefined;
          const tag = repo[`${alias}t`];
          const commit = repo[`${alias}c`];
          if (tag) answer.refKind = 'tag';
          else if (branch?.target?.oid) {
            answer.refKind = 'branch';
            answer.headSha = branch.target.oid;
          } else answer.refKind = commit ? 'commit' : 'unknown';
        }
        break;
      }
      case 'issue':
      case 'pull':
        answer.found = obj != null;
        if (obj?.issueState ?? obj?.pullState) answer.state = obj?.issueState ?? obj?.pullState;
        if (typeof obj?.title === 'string') answer.title = obj.title;
        if (obj?.closedAt) answer.closedAt = obj.closedAt;
        if (obj?.mergedAt) answer.mergedAt = obj.mergedAt;
        break;
      default:
        answer.found = obj != null;
    }
    return answer;
  }

  // ---- the interface --------------------------------------------------------------------------

  function withSignal<T>(token: CancellationToken, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ac = new AbortController();
    const poll = setInterval(() => token.isCancellationRequested && ac.abort(), 100);
    return fn(ac.signal).finally(() => clearInterval(poll));
  }

  async function query(queries: readonly GitHubQuery[], token: CancellationToken): Promise<GitHubOutcome> {
    if (queries.length === 0) return { ok: true, answers: [] };
    try {
      const answers = await withSignal(token, (signal) => (options.token ? viaGraphQL(queries, signal) : viaRest(queries, signal)));
      return { ok: true, answers };
    } catch (err) {
      if (err instanceof RateLimited) {
        const when = err.resetAt !== undefined ? new Date(err.resetAt).toISOString() : 'later';
        return { ok: false, kind: 'rate-limited', resetAt: err.resetAt, message: `GitHub API rate limit reached; resets at ${when}` };
      }
      if (err instanceof NetworkError) return { ok: false, kind: 'network', message: err.message };
      const e = err as OctokitErrorLike;
      if (e.status === 401) return { ok: false, kind: 'auth', message: 'the GitHub token was refused' };
      if (e.status !== undefined && e.status >= 500) return { ok: false, kind: 'server', message: `GitHub API answered ${e.status}` };
      return { ok: false, kind: 'other', message: e.message };
    }
  }

  async function listPaths(owner: string, repo: string, ref: string, token: CancellationToken): Promise<string[] | undefined> {
    try {
      const data = (await withSignal(token, (signal) => restGet(`/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/git/trees/${encodeURIComponent(ref === '' ? 'HEAD' : ref)}?recursive=1`, signal))) as
        | { tree?: { path?: string; type?: string }[] }
        | undefined;
      return data?.tree?.filter((t) => t.type === 'blob' && typeof t.path === 'string').map((t) => t.path!);
    } catch (err) {
      log.debug(`github: tree of ${owner}/${repo}@${ref}: ${(err as Error).message}`);
      return undefined;
    }
  }

  return {
    query,
    listPaths,
    get requestCount() {
      return api.requestCount;
    },
  };
}
