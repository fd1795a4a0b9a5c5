/**
 * GitHubApi over @octokit/core, against config.github.apiUrl: with a token, GraphQL batches
 * (./githubGraphQL.ts); without one, REST with ETags (./githubRest.ts). The Octokit and what its
 * failures mean are in ./githubApi.ts.
 */
import type { CancellationToken } from '../service/host';
import { silentLogger } from '../service/host';
import type { GitHubApi, GitHubOutcome, GitHubQuery } from '../service/links/types';
import { type ApiOctokit, type ApiOctokitOptions, createApiOctokit, NetworkError, type OctokitErrorLike, RateLimited } from './githubApi';
import { viaGraphQL } from './githubGraphQL';
import { GitHubRest } from './githubRest';
import { withAbortSignal } from './cancellation';
import { describeUnreachable, neverReached } from './unreachable';
import { formatLocalTime } from '../service/text/localTime';

export { type ApiOctokit, createApiOctokit, NetworkError, type OctokitErrorLike, RateLimited, rateLimitOf } from './githubApi';

export interface GitHubClientOptions extends ApiOctokitOptions {
  /** objects per GraphQL request */
  batchSize?: number;
  /** REST requests in flight at once (no-token mode) */
  concurrency?: number;
  /** an Octokit shared with evidence discovery (createApiOctokit); made from these options when absent */
  api?: ApiOctokit;
}

export interface GitHubClient extends GitHubApi {
  /** requests sent to the API so far (for logs and the benchmark) */
  readonly requestCount: number;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const log = options.logger ?? silentLogger;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 4;
  const api = options.api ?? createApiOctokit(options);
  const octokit = api.octokit;
  const rest = new GitHubRest(octokit, concurrency);

  async function query(queries: readonly GitHubQuery[], token: CancellationToken): Promise<GitHubOutcome> {
    if (queries.length === 0) return { ok: true, answers: [] };
    try {
      const answers = await withAbortSignal(token, (signal) => (options.token ? viaGraphQL(octokit, queries, batchSize, signal) : rest.answer(queries, signal)));
      return { ok: true, answers };
    } catch (err) {
      if (err instanceof RateLimited) {
        const when = err.resetAt !== undefined ? formatLocalTime(err.resetAt) : 'later';
        return { ok: false, kind: 'rate-limited', resetAt: err.resetAt, message: `GitHub API rate limit reached; resets at ${when}` };
      }
      // GitHub never reached (DNS, refused, TLS, offline): say so, not "answered 500"
      const cause = err instanceof NetworkError ? err.cause : err;
      if (neverReached(cause)) return { ok: false, kind: 'network', message: describeUnreachable(cause, options.apiUrl) };
      if (err instanceof NetworkError) return { ok: false, kind: 'network', message: err.message };
      const e = err as OctokitErrorLike;
      if (e.status === 401) return { ok: false, kind: 'auth', message: 'the GitHub token was refused' };
      if (e.status !== undefined && e.status >= 500) return { ok: false, kind: 'server', message: `GitHub API answered ${e.status}` };
      return { ok: false, kind: 'other', message: e.message };
    }
  }

  async function listPaths(owner: string, repo: string, ref: string, token: CancellationToken): Promise<string[] | undefined> {
    try {
      const data = (await withAbortSignal(token, (signal) => rest.get(`/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/git/trees/${encodeURIComponent(ref === '' ? 'HEAD' : ref)}?recursive=1`, signal))) as
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
