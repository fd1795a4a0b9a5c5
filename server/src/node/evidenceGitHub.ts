/**
 * EvidenceGitHub over @octokit/rest, against config.github.apiUrl, with the link checker's
 * guarded Octokit: the token goes to the API origin only, redirects are never followed, a spent
 * rate limit is reported with its reset time.
 *
 * Cost with a token: one GraphQL request for the facts of up to 10 repositories (files in the
 * root, .github/ and docs/, default branch head, license, releases, the first 100 commits of the
 * last 12 months), one more per 100 further commits (authors), one per 50 file texts. Without a
 * token (GraphQL refuses anonymous calls) discovery reports that it needs one; reading a
 * template and its commit works anonymously over REST.
 */
import type { CancellationToken } from '../service/host';
import type { ApiFailure, ApiOutcome, CreatedIssue, EvidenceGitHub, FileRequest, RepoEntry, RepoFacts, RepoRef, ReleaseInfo, TemplateFile } from '../service/evidence/types';
import { trimEndChars } from '../service/text/trim';
import type { FileCommit, TemplateGitHub } from '../service/template/source';
import { createApiOctokit, type GitHubClientOptions, NetworkError, type OctokitErrorLike, RateLimited, rateLimitOf } from './githubClient';

const q = (s: string): string => JSON.stringify(s);
/** repositories per facts request */
const REPO_BATCH = 10;
/** file texts per request */
const TEXT_BATCH = 50;
/** further pages of 100 commits read per repository for the author count */
const MAX_HISTORY_PAGES = 10;

interface TreeNode {
  entries?: { name?: string; type?: string }[] | null;
}
interface HistoryNode {
  totalCount?: number;
  pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
  nodes?: ({ author?: { email?: string | null; user?: { login?: string } | null } | null } | null)[] | null;
}
interface RepoNode {
  nameWithOwner?: string;
  url?: string;
  isArchived?: boolean;
  licenseInfo?: { spdxId?: string | null; name?: string } | null;
  defaultBranchRef?: { name?: string; target?: { oid?: string; history?: HistoryNode } | null } | null;
  root?: TreeNode | null;
  gh?: TreeNode | null;
  docs?: TreeNode | null;
  releases?: { nodes?: ({ tagName?: string; publishedAt?: string | null; url?: string; isPrerelease?: boolean; isDraft?: boolean } | null)[] | null };
}

function failure(err: unknown): ApiFailure {
  if (err instanceof RateLimited) {
    const when = err.resetAt !== undefined ? new Date(err.resetAt).toISOString() : 'later';
    return { ok: false, kind: 'rate-limited', resetAt: err.resetAt, message: `GitHub API rate limit reached; resets at ${when}` };
  }
  if (err instanceof NetworkError) return { ok: false, kind: 'network', message: err.message };
  const e = err as OctokitErrorLike;
  if (Array.isArray(e.errors)) {
    if (e.errors.some((x) => x.type === 'RATE_LIMITED')) {
      const reset = e.headers?.['x-ratelimit-reset'];
      const resetAt = reset !== undefined ? Number(reset) * 1000 : undefined;
      return { ok: false, kind: 'rate-limited', resetAt, message: `GitHub API rate limit reached; resets at ${resetAt !== undefined ? new Date(resetAt).toISOString() : 'later'}` };
    }
    return { ok: false, kind: 'other', message: e.errors.map((x) => x.message).join('; ') };
  }
  const limited = rateLimitOf(e);
  if (limited) return failure(limited);
  if (e.status === 401) return { ok: false, kind: 'auth', message: 'the GitHub token was refused' };
  if (e.status === 403) return { ok: false, kind: 'auth', message: `GitHub refused: ${e.message}` };
  if (e.status === 404) return { ok: false, kind: 'not-found', message: 'not found on GitHub' };
  if (e.status !== undefined && e.status >= 500) return { ok: false, kind: 'server', message: `GitHub API answered ${e.status}` };
  return { ok: false, kind: 'network', message: e.message };
}

export interface EvidenceGitHubClient extends EvidenceGitHub, TemplateGitHub {
  readonly hasToken: boolean;
}

export function createEvidenceGitHub(options: GitHubClientOptions): EvidenceGitHubClient {
  const api = createApiOctokit(options);
  const { octokit } = api;
  const hasToken = !!options.token;
  const noToken: ApiFailure = { ok: false, kind: 'no-token', message: 'evidence discovery needs a GitHub token (sign in to GitHub in VS Code, or set GITHUB_TOKEN)' };

  function withSignal<T>(token: CancellationToken, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ac = new AbortController();
    const poll = setInterval(() => token.isCancellationRequested && ac.abort(), 100);
    return fn(ac.signal).finally(() => clearInterval(poll));
  }

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

  const history = (since: string, after?: string): string =>
    `history(since: ${q(since)}, first: 100${after ? `, after: ${q(after)}` : ''}) { totalCount pageInfo { hasNextPage endCursor } nodes { author { email user { login } } } }`;

  const tree = (alias: string, dir: string): string => `${alias}: object(expression: ${q(`HEAD:${dir}`)}) { ... on Tree { entries { name type } } }`;

  function entriesOf(node: RepoNode): RepoEntry[] {
    const out: RepoEntry[] = [];
    const add = (t: TreeNode | null | undefined, dir: string): void => {
      for (const e of t?.entries ?? []) {
        if (typeof e.name === 'string') out.push({ path: dir + e.name, type: e.type === 'tree' ? 'tree' : 'blob' });
      }
    };
    add(node.root, '');
    add(node.gh, '.github/');
    add(node.docs, 'docs/');
    return out;
  }

  function authorsOf(h: HistoryNode | undefined, into: Set<string>): void {
    for (const n of h?.nodes ?? []) {
      const id = n?.author?.user?.login ?? n?.author?.email ?? undefined;
      if (id) into.add(id.toLowerCase());
    }
  }

  async function repositories(repos: readonly RepoRef[], since: Date, token: CancellationToken): Promise<ApiOutcome<RepoFacts[]>> {
    if (!hasToken) return noToken;
    const iso = since.toISOString();
    try {
      return await withSignal(token, async (signal) => {
        const facts: RepoFacts[] = [];
        for (let start = 0; start < repos.length; start += REPO_BATCH) {
          const chunk = repos.slice(start, start + REPO_BATCH);
          const parts = chunk.map((r, i) => `r${i}: repository(owner: ${q(r.owner)}, name: ${q(r.name)}) {
  nameWithOwner url isArchived
  licenseInfo { spdxId name }
  defaultBranchRef { name target { oid ... on Commit { ${history(iso)} } } }
  ${tree('root', '')}
  ${tree('gh', '.github')}
  ${tree('docs', 'docs')}
  releases(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { tagName publishedAt url isPrerelease isDraft } }
}`);
          const data = await graphql(`query {\n${parts.join('\n')}\nrateLimit { remaining resetAt }\n}`, signal);
          const authors = chunk.map(() => new Set<string>());
          const cursors: Array<string | undefined> = chunk.map(() => undefined);
          chunk.forEach((r, i) => {
            const node = data[`r${i}`] as RepoNode | null | undefined;
            const target = node?.defaultBranchRef?.target;
            if (!node || !target?.oid) {
              facts.push({ repo: `${r.owner}/${r.name}`, exists: false, webUrl: '', archived: false, defaultBranch: '', headSha: '', license: undefined, entries: [], releases: [], commits: { count: 0, authors: [], authorsComplete: true } });
              return;
            }
            authorsOf(target.history, authors[i]!);
            if (target.history?.pageInfo?.hasNextPage && target.history.pageInfo.endCursor) cursors[i] = target.history.pageInfo.endCursor;
            const releases: ReleaseInfo[] = [];
            for (const n of node.releases?.nodes ?? []) {
              if (!n || n.isDraft || typeof n.tagName !== 'string') continue;
              releases.push({ tag: n.tagName, publishedAt: n.publishedAt ?? undefined, url: n.url ?? '', prerelease: n.isPrerelease === true });
            }
            releases.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
            facts.push({
              repo: node.nameWithOwner ?? `${r.owner}/${r.name}`,
              exists: true,
              webUrl: trimEndChars(node.url ?? '', '/'),
              archived: node.isArchived === true,
              defaultBranch: node.defaultBranchRef?.name ?? '',
              headSha: target.oid,
              license: node.licenseInfo ? { spdxId: node.licenseInfo.spdxId ?? null, name: node.licenseInfo.name ?? '' } : undefined,
              entries: entriesOf(node),
              releases,
              commits: { count: target.history?.totalCount ?? 0, authors: [], authorsComplete: true },
            });
          });
          // further pages of commits, batched across the repositories that have more
          for (let page = 0; page < MAX_HISTORY_PAGES && cursors.some((c) => c !== undefined); page++) {
            const more = chunk.map((r, i) => (cursors[i] ? `r${i}: repository(owner: ${q(r.owner)}, name: ${q(r.name)}) { defaultBranchRef { target { ... on Commit { ${history(iso, cursors[i])} } } } }` : '')).filter((s) => s !== '');
            const next = await graphql(`query {\n${more.join('\n')}\n}`, signal);
            chunk.forEach((_r, i) => {
              if (!cursors[i]) return;
              const h = (next[`r${i}`] as RepoNode | null | undefined)?.defaultBranchRef?.target?.history;
              authorsOf(h, authors[i]!);
              cursors[i] = h?.pageInfo?.hasNextPage && h.pageInfo.endCursor ? h.pageInfo.endCursor : undefined;
            });
          }
          chunk.forEach((_r, i) => {
            const f = facts[start + i]!;
            f.commits.authors = [...authors[i]!].sort();
            f.commits.authorsComplete = cursors[i] === undefined;
          });
        }
        return { ok: true as const, value: facts };
      });
    } catch (err) {
      return failure(err);
    }
  }

  async function texts(files: readonly FileRequest[], token: CancellationToken): Promise<ApiOutcome<Array<string | undefined>>> {
    if (!hasToken) return noToken;
    try {
      return await withSignal(token, async (signal) => {
        const out: Array<string | undefined> = [];
        for (let start = 0; start < files.length; start += TEXT_BATCH) {
          const chunk = files.slice(start, start + TEXT_BATCH);
          const repos = new Map<string, string[]>();
          const repoAlias = new Map<string, string>();
          chunk.forEach((f, i) => {
            const key = `${f.owner}/${f.name}`.toLowerCase();
            if (!repos.has(key)) {
              repos.set(key, []);
              repoAlias.set(key, `r${repoAlias.size}`);
            }
            repos.get(key)!.push(`f${i}: object(expression: ${q(`${f.sha}:${f.path}`)}) { ... on Blob { text isBinary } }`);
          });
          const parts = [...repos].map(([key, fields]) => {
            const f = chunk.find((x) => `${x.owner}/${x.name}`.toLowerCase() === key)!;
            return `${repoAlias.get(key)}: repository(owner: ${q(f.owner)}, name: ${q(f.name)}) { ${fields.join('\n')} }`;
          });
          const data = await graphql(`query {\n${parts.join('\n')}\n}`, signal);
          chunk.forEach((f, i) => {
            const r = data[repoAlias.get(`${f.owner}/${f.name}`.toLowerCase())!] as Record<string, { text?: string | null; isBinary?: boolean } | null> | null | undefined;
            const blob = r?.[`f${i}`];
            out.push(blob && !blob.isBinary && typeof blob.text === 'string' ? blob.text : undefined);
          });
        }
        return { ok: true as const, value: out };
      });
    } catch (err) {
      return failure(err);
    }
  }

  async function file(repo: RepoRef, path: string, ref: string, token: CancellationToken): Promise<ApiOutcome<TemplateFile>> {
    try {
      return await withSignal(token, async (signal) => {
        const base = { owner: repo.owner, repo: repo.name, request: { signal } };
        const info = await octokit.request('GET /repos/{owner}/{repo}', base);
        const commit = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...base, ref: ref || info.data.default_branch });
        const contents = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { ...base, path, ref: commit.data.sha });
        const c = contents.data as { type?: string; content?: string; encoding?: string };
        if (Array.isArray(contents.data) || c.type !== 'file' || typeof c.content !== 'string' || c.encoding !== 'base64') {
          return { ok: false as const, kind: 'not-found' as const, message: `${repo.owner}/${repo.name}: ${path} is not a file` };
        }
        return { ok: true as const, value: { text: Buffer.from(c.content, 'base64').toString('utf8'), sha: commit.data.sha, webUrl: trimEndChars(info.data.html_url, '/') } };
      });
    } catch (err) {
      const f = failure(err);
      return f.kind === 'not-found' ? { ok: false, kind: 'not-found', message: `${repo.owner}/${repo.name}: ${path}${ref ? ` at ${ref}` : ''} not found` } : f;
    }
  }

  /** REST, anonymous or not: one request for up to 100 commits of a file */
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
      const f = failure(err);
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
        return { ok: true as const, value: Buffer.from(c.content, 'base64').toString('utf8') };
      });
    } catch (err) {
      const f = failure(err);
      return f.kind === 'not-found' ? { ok: false, kind: 'not-found', message: `${repo.owner}/${repo.name}: ${path} at ${sha.slice(0, 8)} not found` } : f;
    }
  }

  async function createIssue(repo: RepoRef, title: string, body: string, token: CancellationToken): Promise<ApiOutcome<CreatedIssue>> {
    if (!hasToken) return { ok: false, kind: 'no-token', message: 'opening an issue needs a GitHub token (sign in to GitHub in VS Code, or set GITHUB_TOKEN)' };
    try {
      return await withSignal(token, async (signal) => {
        const res = await octokit.request('POST /repos/{owner}/{repo}/issues', { owner: repo.owner, repo: repo.name, title, body, request: { signal } });
        return { ok: true as const, value: { number: res.data.number, url: res.data.html_url } };
      });
    } catch (err) {
      const f = failure(err);
      return f.kind === 'not-found' ? { ok: false, kind: 'not-found', message: `${repo.owner}/${repo.name} not found, or the token may not open issues there` } : f;
    }
  }

  return {
    repositories,
    texts,
    file,
    fileCommits,
    fileAt,
    createIssue,
    hasToken,
    get requestCount() {
      return api.requestCount;
    },
  };
}
