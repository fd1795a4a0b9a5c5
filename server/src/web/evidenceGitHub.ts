/**
 * EvidenceGitHub over @octokit/core, against config.github.apiUrl, with the link checker's
 * guarded Octokit: the token goes to the API origin only, redirects are never followed, a spent
 * rate limit is reported with its reset time.
 *
 * Cost with a token: one GraphQL request for the facts of up to 10 repositories (files in the
 * root, .github/ and docs/, default branch head, license, releases, the first 100 commits of the
 * last 12 months), one more per 100 further commits (authors), one per 50 file texts. Without a
 * token (GraphQL refuses anonymous calls) discovery reports that it needs one; reading a
 * template and its commit works anonymously over REST.
 */
import { base64ToUtf8 } from '../service/text/base64';
import type { CancellationToken } from '../service/host';
import type { ApiFailure, ApiOutcome, CreatedIssue, EvidenceGitHub, FileRequest, FolderListing, MetadataFiles, RepoFacts, RepoRef, TemplateFile } from '../service/evidence/types';
import { trimEndChars } from '../service/text/trim';
import { withAbortSignal } from './cancellation';
import { fileTexts, folderListing, metadataFiles, repoFacts, userCompanies, type GraphQL } from './evidenceGraphQL';
import { createApiOctokit, type GitHubClientOptions, NetworkError, type OctokitErrorLike, RateLimited, rateLimitOf } from './githubClient';
import { describeUnreachable, neverReached } from './unreachable';
import { formatLocalTime } from '../service/text/localTime';

/** repositories per facts request */
const REPO_BATCH = 10;
/** file texts per request */
const TEXT_BATCH = 50;
/** users per request (their companies) */
const USER_BATCH = 100;

/** An Octokit error as an ApiFailure, naming the API asked (also for the template adapter). */
export function failure(err: unknown, apiUrl: string): ApiFailure {
  if (err instanceof RateLimited) {
    const when = err.resetAt !== undefined ? formatLocalTime(err.resetAt) : 'later';
    return { ok: false, kind: 'rate-limited', resetAt: err.resetAt, message: `GitHub API rate limit reached; resets at ${when}` };
  }
  if (err instanceof NetworkError) return { ok: false, kind: 'network', message: err.message };
  if (neverReached(err)) return { ok: false, kind: 'network', message: describeUnreachable(err, apiUrl) };
  const e = err as OctokitErrorLike;
  if (Array.isArray(e.errors)) {
    if (e.errors.some((x) => x.type === 'RATE_LIMITED')) {
      const reset = e.headers?.['x-ratelimit-reset'];
      const resetAt = reset !== undefined ? Number(reset) * 1000 : undefined;
      return { ok: false, kind: 'rate-limited', resetAt, message: `GitHub API rate limit reached; resets at ${resetAt !== undefined ? formatLocalTime(resetAt) : 'later'}` };
    }
    return { ok: false, kind: 'other', message: e.errors.map((x) => x.message).join('; ') };
  }
  const limited = rateLimitOf(e);
  if (limited) return failure(limited, apiUrl);
  if (e.status === 401) return { ok: false, kind: 'auth', message: 'the GitHub token was refused' };
  if (e.status === 403) return { ok: false, kind: 'auth', message: `GitHub refused: ${e.message}` };
  if (e.status === 404) return { ok: false, kind: 'not-found', message: 'not found on GitHub' };
  if (e.status !== undefined && e.status >= 500) return { ok: false, kind: 'server', message: `GitHub API answered ${e.status}` };
  return { ok: false, kind: 'network', message: e.message };
}

export interface EvidenceGitHubClient extends EvidenceGitHub {
  readonly hasToken: boolean;
}

export function createEvidenceGitHub(options: GitHubClientOptions): EvidenceGitHubClient {
  const api = options.api ?? createApiOctokit(options);
  const { octokit } = api;
  const hasToken = !!options.token;
  const noToken: ApiFailure = { ok: false, kind: 'no-token', message: 'evidence discovery needs a GitHub token (sign in to GitHub in VS Code, or set GITHUB_TOKEN)' };

  /** GraphQL with partial data kept when some objects are NOT_FOUND (a missing repository). */
  async function graphql(text: string, signal: AbortSignal): Promise<Record<string, unknown>> {
    try {
      return await octokit.graphql<Record<string, unknown>>(text, { request: { signal } });
    } catch (err) {
      const e = err as OctokitErrorLike;
      if (Array.isArray(e.errors) && e.errors.every((x) => x.type === 'NOT_FOUND') && e.data) return e.data as Record<string, unknown>;
      throw err;
    }
  }

  /** A GraphQL read: the token required, cancellation passed on, failures mapped. */
  async function read<T>(token: CancellationToken, run: (query: GraphQL) => Promise<T>): Promise<ApiOutcome<T>> {
    if (!hasToken) return noToken;
    try {
      return await withAbortSignal(token, async (signal) => ({ ok: true as const, value: await run((text) => graphql(text, signal)) }));
    } catch (err) {
      return failure(err, options.apiUrl);
    }
  }

  /** `items` in batches of `size`, one request each, answers concatenated in order. */
  async function batched<I, O>(items: readonly I[], size: number, run: (chunk: readonly I[]) => Promise<O[]>): Promise<O[]> {
    const out: O[] = [];
    for (let start = 0; start < items.length; start += size) out.push(...await run(items.slice(start, start + size)));
    return out;
  }

  const repositories = (repos: readonly RepoRef[], since: Date, token: CancellationToken): Promise<ApiOutcome<RepoFacts[]>> =>
    read(token, (query) => batched(repos, REPO_BATCH, (chunk) => repoFacts(query, chunk, since.toISOString())));
  const texts = (files: readonly FileRequest[], token: CancellationToken): Promise<ApiOutcome<Array<string | undefined>>> =>
    read(token, (query) => batched(files, TEXT_BATCH, (chunk) => fileTexts(query, chunk)));
  const folders = (repo: RepoRef, paths: readonly string[], token: CancellationToken): Promise<ApiOutcome<FolderListing>> =>
    read(token, (query) => folderListing(query, repo, paths));
  const metadata = (repos: readonly RepoRef[], paths: readonly string[], token: CancellationToken): Promise<ApiOutcome<Array<MetadataFiles | undefined>>> =>
    read(token, (query) => metadataFiles(query, repos, paths));
  const companies = (logins: readonly string[], token: CancellationToken): Promise<ApiOutcome<Array<string | null | undefined>>> =>
    read(token, (query) => batched(logins, USER_BATCH, (chunk) => userCompanies(query, chunk)));

  async function file(repo: RepoRef, path: string, ref: string, token: CancellationToken): Promise<ApiOutcome<TemplateFile>> {
    try {
      return await withAbortSignal(token, async (signal) => {
        const base = { owner: repo.owner, repo: repo.name, request: { signal } };
        const info = await octokit.request('GET /repos/{owner}/{repo}', base);
        const commit = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...base, ref: ref || info.data.default_branch });
        const contents = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { ...base, path, ref: commit.data.sha });
        const c = contents.data as { type?: string; content?: string; encoding?: string };
        if (Array.isArray(contents.data) || c.type !== 'file' || typeof c.content !== 'string' || c.encoding !== 'base64') {
          return { ok: false as const, kind: 'not-found' as const, message: `${repo.owner}/${repo.name}: ${path} is not a file` };
        }
        return { ok: true as const, value: { text: base64ToUtf8(c.content), sha: commit.data.sha, webUrl: trimEndChars(info.data.html_url, '/') } };
      });
    } catch (err) {
      const f = failure(err, options.apiUrl);
      return f.kind === 'not-found' ? { ok: false, kind: 'not-found', message: `${repo.owner}/${repo.name}: ${path}${ref ? ` at ${ref}` : ''} not found` } : f;
    }
  }

  async function createIssue(repo: RepoRef, title: string, body: string, token: CancellationToken): Promise<ApiOutcome<CreatedIssue>> {
    if (!hasToken) return { ok: false, kind: 'no-token', message: 'opening an issue needs a GitHub token (sign in to GitHub in VS Code, or set GITHUB_TOKEN)' };
    try {
      return await withAbortSignal(token, async (signal) => {
        const res = await octokit.request('POST /repos/{owner}/{repo}/issues', { owner: repo.owner, repo: repo.name, title, body, request: { signal } });
        return { ok: true as const, value: { number: res.data.number, url: res.data.html_url } };
      });
    } catch (err) {
      const f = failure(err, options.apiUrl);
      return f.kind === 'not-found' ? { ok: false, kind: 'not-found', message: `${repo.owner}/${repo.name} not found, or the token may not open issues there` } : f;
    }
  }

  return {
    repositories,
    texts,
    folders,
    metadataFiles: metadata,
    userCompanies: companies,
    file,
    createIssue,
    hasToken,
    get requestCount() {
      return api.requestCount;
    },
  };
}
