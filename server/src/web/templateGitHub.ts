/**
 * TemplateGitHub over the shared Octokit: a file's commits (one REST request for up to 100) and
 * its text at a commit (one more). Works anonymously; the token, when there is one, goes to the
 * API origin only (the guarded Octokit of githubClient.ts).
 */
import { base64ToUtf8 } from '../service/text/base64';
import type { ApiOutcome, RepoRef } from '../service/evidence/types';
import type { CancellationToken } from '../service/host';
import type { FileCommit, TemplateGitHub } from '../service/template/source';
import { failure } from './evidenceGitHub';
import { createApiOctokit, type GitHubClientOptions } from './githubClient';

export function createTemplateGitHub(options: GitHubClientOptions): TemplateGitHub {
  const api = options.api ?? createApiOctokit(options);
  const { octokit } = api;

  function withSignal<T>(token: CancellationToken, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ac = new AbortController();
    const poll = setInterval(() => token.isCancellationRequested && ac.abort(), 100);
    return fn(ac.signal).finally(() => clearInterval(poll));
  }

  async function fileCommits(repo: RepoRef, path: string, ref: string, token: CancellationToken): Promise<ApiOutcome<FileCommit[]>> {
    try {
      return await withSignal(token, async (signal) => {
        const res = await octokit.request('GET /repos/{owner}/{repo}/commits', { owner: repo.owner, repo: repo.name, path, per_page: 100, ...(ref ? { sha: ref } : {}), request: { signal } });
        const list = (res.data as Array<{ sha?: string; commit?: { committer?: { date?: string } | null; author?: { date?: string } | null } }>)
          .map((c) => ({ sha: c.sha ?? '', date: c.commit?.committer?.date ?? c.commit?.author?.date ?? '' }))
          .filter((c) => c.sha !== '');
        return { ok: true as const, value: list };
      });
    } catch (err) {
      const f = failure(err, options.apiUrl);
      return f.kind === 'not-found' ? { ok: false, kind: 'not-found', message: `${repo.owner}/${repo.name}${ref ? ` at ${ref}` : ''} not found` } : f;
    }
  }

  async function fileAt(repo: RepoRef, path: string, sha: string, token: CancellationToken): Promise<ApiOutcome<string>> {
    try {
      return await withSignal(token, async (signal) => {
        const contents = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: repo.owner, repo: repo.name, path, ref: sha, request: { signal } });
        const c = contents.data as { type?: string; content?: string; encoding?: string };
        if (Array.isArray(contents.data) || c.type !== 'file' || typeof c.content !== 'string' || c.encoding !== 'base64') {
          return { ok: false as const, kind: 'not-found' as const, message: `${repo.owner}/${repo.name}: ${path} is not a file` };
        }
        return { ok: true as const, value: base64ToUtf8(c.content) };
      });
    } catch (err) {
      const f = failure(err, options.apiUrl);
      return f.kind === 'not-found' ? { ok: false, kind: 'not-found', message: `${repo.owner}/${repo.name}: ${path} at ${sha.slice(0, 8)} not found` } : f;
    }
  }

  return {
    fileCommits,
    fileAt,
    get requestCount() {
      return api.requestCount;
    },
  };
}
