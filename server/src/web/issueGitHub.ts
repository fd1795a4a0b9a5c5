/**
 * ApplicationGitHub over the shared Octokit: an issue (one REST request) and a comment on it (one
 * POST, with a token only). The token goes to the API origin only (the guarded Octokit of
 * githubApi.ts); redirects are never followed.
 */
import type { ApplicationGitHub, FetchedIssue } from '../service/application/issue';
import { issueRefText, type IssueRef } from '../service/application/parse';
import type { ApiOutcome } from '../service/evidence/types';
import type { CancellationToken } from '../service/host';
import { withAbortSignal } from './cancellation';
import { failure } from './evidenceGitHub';
import { createApiOctokit, type GitHubClientOptions } from './githubClient';

interface IssueData {
  number: number;
  title?: string;
  body?: string | null;
  html_url?: string;
  state?: string;
  labels?: Array<string | { name?: string }>;
}

export function createIssueGitHub(options: GitHubClientOptions): ApplicationGitHub {
  const api = options.api ?? createApiOctokit(options);
  const { octokit } = api;
  const hasToken = !!options.token;

  async function issue(ref: IssueRef, token: CancellationToken): Promise<ApiOutcome<FetchedIssue>> {
    try {
      return await withAbortSignal(token, async (signal) => {
        const res = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { owner: ref.owner, repo: ref.repo, issue_number: ref.number, request: { signal } });
        const d = res.data as IssueData;
        return {
          ok: true as const,
          value: {
            number: d.number,
            title: d.title ?? '',
            body: d.body ?? '',
            url: d.html_url ?? `https://github.com/${ref.owner}/${ref.repo}/issues/${ref.number}`,
            state: d.state ?? 'open',
            labels: (d.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name ?? '')).filter((l) => l !== ''),
          },
        };
      });
    } catch (err) {
      const f = failure(err, options.apiUrl);
      return f.kind === 'not-found' ? { ok: false, kind: 'not-found', message: `${issueRefText(ref)} not found (or not visible with this token)` } : f;
    }
  }

  async function comment(ref: IssueRef, body: string, token: CancellationToken): Promise<ApiOutcome<{ url: string }>> {
    if (!hasToken) return { ok: false, kind: 'no-token', message: 'posting a comment needs a GitHub token (sign in to GitHub in VS Code, or set GITHUB_TOKEN)' };
    try {
      return await withAbortSignal(token, async (signal) => {
        const res = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: ref.owner, repo: ref.repo, issue_number: ref.number, body, request: { signal } });
        return { ok: true as const, value: { url: (res.data as { html_url?: string }).html_url ?? '' } };
      });
    } catch (err) {
      const f = failure(err, options.apiUrl);
      return f.kind === 'not-found' ? { ok: false, kind: 'not-found', message: `${issueRefText(ref)} not found, or the token may not comment there` } : f;
    }
  }

  async function openPull(base: { owner: string; repo: string }, head: string, token: CancellationToken): Promise<ApiOutcome<string | undefined>> {
    try {
      return await withAbortSignal(token, async (signal) => {
        const res = await octokit.request('GET /repos/{owner}/{repo}/pulls', { owner: base.owner, repo: base.repo, state: 'open', head, per_page: 5, request: { signal } });
        const first = (res.data as Array<{ html_url?: string }>).find((p) => typeof p.html_url === 'string');
        return { ok: true as const, value: first?.html_url };
      });
    } catch (err) {
      const f = failure(err, options.apiUrl);
      return f.kind === 'not-found' ? { ok: true, value: undefined } : f;
    }
  }

  return {
    issue,
    comment,
    openPull,
    get requestCount() {
      return api.requestCount;
    },
  };
}
