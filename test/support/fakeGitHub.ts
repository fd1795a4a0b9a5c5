/**
 * A fake GitHub API (REST + GraphQL) on 127.0.0.1, for tests and benchmarks that must not touch
 * the internet. GraphQL queries are parsed, validated and executed against GitHub's real schema
 * (@octokit/graphql-schema), so a query the real API would reject fails here too.
 *
 * Repositories are plain data (`FakeRepo`): files (the same at every known ref), branches → head
 * SHA, tags, extra commits, issues/pulls with state, discussions, releases, archived flag.
 * Served under both the github.com form (/repos/…, /graphql) and the GitHub Enterprise form
 * (/api/v3/repos/…, /api/graphql).
 *
 * REST: repos/{o}/{r}, contents/{path}?ref, readme[/{dir}]?ref, branches/{b}, git/ref/tags/{t},
 * commits/{ref}, commits?path&sha&per_page (the versions of a file, `fileVersions`), issues/{n},
 * pulls/{n}, pulls?state&head (by FakeIssue.head), releases/tags/{t}, git/trees/{ref}?recursive=1. contents/{path}?ref=SHA answers
 * the version of the file at that commit when `fileVersions` has one.
 * Every answer has an ETag and x-ratelimit-* headers; If-None-Match gives 304.
 * Switches: `exhaust(resetAt)` (REST 403 + x-ratelimit-remaining 0, GraphQL RATE_LIMITED),
 * `failNext(n)` (n answers of 500), `redirectRepo` (a repo whose REST answer is a 302 to another
 * origin). `requests` records method, path, Authorization and the GraphQL query.
 *
 * For evidence discovery: GraphQL Repository.nameWithOwner/url/licenseInfo/defaultBranchRef
 * (Commit.history with since/first/after), releases, and Tree.entries for folder objects
 * (`HEAD:`, `HEAD:docs`); REST POST repos/{o}/{r}/issues (token required; the body is recorded).
 *
 * Application issues: REST issues/{n} answers `body`, `html_url` and `labels`; POST
 * issues/{n}/comments (token required) appends the comment's body to the issue's `comments`.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql, parse, validate, type GraphQLSchema } from 'graphql';
import { schema as githubSchema } from '@octokit/graphql-schema';

export interface FakeIssue {
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  pull?: boolean;
  title?: string;
  /** ISO 8601; when closed or merged (default 2024-01-01T00:00:00Z) */
  closedAt?: string;
  /** the issue's markdown body (REST issues/{n}) */
  body?: string;
  labels?: string[];
  /** comments posted (POST issues/{n}/comments), in order */
  comments?: string[];
  /** a pull request's head, "owner:branch" (REST pulls?state&head lists by it) */
  head?: string;
}

export interface FakeRepo {
  owner: string;
  name: string;
  archived?: boolean;
  defaultBranch?: string;
  /** path → content */
  files: Record<string, string>;
  /** branch → head commit SHA */
  branches: Record<string, string>;
  tags?: Record<string, string>;
  /** further commit SHAs that exist */
  commits?: string[];
  issues?: Record<number, FakeIssue>;
  discussions?: number[];
  releases?: string[];
  private?: boolean;
  /** evidence discovery: what GraphQL's licenseInfo answers */
  license?: { spdxId: string | null; name: string };
  /** evidence discovery: published releases (GraphQL `releases`) */
  releaseList?: Array<{ tag: string; publishedAt: string; prerelease?: boolean }>;
  /**
   * versions of a file, newest first (the newest is what `files` holds at the branches): the
   * commits API lists them for `?path=`, contents at a version's sha answers its text
   */
  fileVersions?: Record<string, Array<{ sha: string; date: string; text: string }>>;
  /** evidence discovery: commits of the default branch (GraphQL `history`), any order */
  history?: Array<{ date: string; login?: string; email: string }>;
}

export interface FakeRequest {
  method: string;
  path: string;
  /** the path as sent, before the /api/v3 prefix is taken off */
  rawPath: string;
  authorization: string | undefined;
  /** sent with If-None-Match */
  conditional: boolean;
  /** the answer's status */
  status?: number;
  query?: string;
  /** the request body (POST) */
  body?: string;
}

export interface FakeGitHub {
  /** http://127.0.0.1:PORT (github.com-like API URL) */
  apiUrl: string;
  /** http://127.0.0.1:PORT/api/v3 (GitHub Enterprise-like API URL) */
  gheApiUrl: string;
  repos: FakeRepo[];
  requests: FakeRequest[];
  /** the token that authenticates; others get 401 */
  token: string;
  exhaust(resetAt?: Date): void;
  restore(): void;
  failNext(n: number): void;
  /** REST answers for this owner/name redirect to `to` (another origin) */
  redirectRepo(fullName: string, to: string): void;
  reset(): void;
  close(): Promise<void>;
}

let schemaCache: GraphQLSchema | undefined;
function schema(): GraphQLSchema {
  // The published SDL repeats a few fields; the checks that matter (queries against types) still run.
  schemaCache ??= buildSchema(githubSchema.idl, { assumeValidSDL: true });
  return schemaCache;
}

export function sha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** A repository with sensible defaults: branch main at sha('OWNER/NAME@main'). */
export function repo(fullName: string, files: Record<string, string>, extra: Partial<FakeRepo> = {}): FakeRepo {
  const [owner = '', name = ''] = fullName.split('/');
  return { owner, name, files, branches: { main: sha(`${fullName}@main`) }, ...extra };
}

/** GitHub users the fake knows: login → the company their profile states (null: none) */
export type FakeUsers = Record<string, { company: string | null }>;

export async function startFakeGitHub(repos: FakeRepo[], options: { token?: string; users?: FakeUsers } = {}): Promise<FakeGitHub> {
  const users = options.users ?? {};
  const userOf = (login: string): { login: string; company: string | null } | undefined => {
    const k = Object.keys(users).find((u) => u.toLowerCase() === login.toLowerCase());
    return k ? { login: k, company: users[k]!.company } : undefined;
  };
  const requests: FakeRequest[] = [];
  const token = options.token ?? 'ghp_faketoken0123456789';
  let exhaustedUntil: Date | undefined;
  let failures = 0;
  const redirects = new Map<string, string>();
  const remaining = { value: 5000 };

  const find = (owner: string, name: string): FakeRepo | undefined =>
    repos.find((r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === name.toLowerCase());
  const allShas = (r: FakeRepo): string[] => [...Object.values(r.branches), ...Object.values(r.tags ?? {}), ...(r.commits ?? [])];
  const refSha = (r: FakeRepo, ref: string): string | undefined => {
    if (ref === 'HEAD') return r.branches[r.defaultBranch ?? 'main'];
    return r.branches[ref] ?? r.tags?.[ref] ?? allShas(r).find((s) => ref.length >= 7 && s.startsWith(ref.toLowerCase()));
  };
  const dirOf = (r: FakeRepo, path: string): string[] | undefined => {
    const prefix = path === '' ? '' : `${path}/`;
    const entries = Object.keys(r.files).filter((f) => f.startsWith(prefix));
    return entries.length > 0 ? entries : undefined;
  };
  const readmeIn = (r: FakeRepo, dir: string): string | undefined => {
    const prefix = dir === '' ? '' : `${dir}/`;
    return Object.keys(r.files).find((f) => f.startsWith(prefix) && /^readme(\.md|\.markdown)?$/i.test(f.slice(prefix.length)));
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
      if (path === '/api/graphql') path = '/graphql';
      const record: FakeRequest = { method: req.method ?? 'GET', path: path + url.search, rawPath: url.pathname, authorization: req.headers.authorization, conditional: req.headers['if-none-match'] !== undefined };
      requests.push(record);
      const resetEpoch = Math.floor((exhaustedUntil ?? new Date(Date.now() + 3600_000)).getTime() / 1000);
      const rl = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': String(exhaustedUntil ? 0 : remaining.value), 'x-ratelimit-reset': String(resetEpoch) };
      const send = (status: number, data: unknown, extra: Record<string, string> = {}): void => {
        const text = JSON.stringify(data);
        const etag = `"${createHash('sha1').update(text).digest('hex')}"`;
        if (status === 200 && req.headers['if-none-match'] === etag) {
          record.status = 304;
          res.writeHead(304, { etag, ...rl });
          return void res.end();
        }
        record.status = status;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(status === 200 ? { etag } : {}), ...rl, ...extra });
        res.end(text);
      };
      if (failures > 0) {
        failures--;
        return send(500, { message: 'Server Error' });
      }
      const auth = req.headers.authorization;
      const authed = auth === `token ${token}` || auth === `bearer ${token}` || auth === `Bearer ${token}`;
      if (auth !== undefined && !authed) return send(401, { message: 'Bad credentials' });

      if (path === '/graphql' && req.method === 'POST') {
        if (!authed) return send(401, { message: 'This endpoint requires you to be authenticated.' });
        let parsed: { query?: string; variables?: Record<string, unknown> };
        try {
          parsed = JSON.parse(body) as typeof parsed;
        } catch {
          return send(400, { message: 'Problems parsing JSON' });
        }
        record.query = parsed.query;
        if (exhaustedUntil) {
          return send(200, { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] });
        }
        let doc;
        try {
          doc = parse(parsed.query ?? '');
        } catch (e) {
          return send(200, { errors: [{ message: (e as Error).message }] });
        }
        const invalid = validate(schema(), doc);
        if (invalid.length > 0) return send(200, { errors: invalid.map((e) => ({ message: e.message })) });
        void executeGraphQL(parsed.query ?? '', parsed.variables).then((result) => send(200, result));
        return;
      }

      if (exhaustedUntil) return send(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' });
      const created = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(path);
      if (created && req.method === 'POST') {
        record.body = body;
        if (!authed) return send(401, { message: 'Requires authentication' });
        const target = find(decodeURIComponent(created[1]!), decodeURIComponent(created[2]!));
        if (!target) return send(404, { message: 'Not Found' });
        const issues = (target.issues ??= {});
        const number = Math.max(0, ...Object.keys(issues).map(Number)) + 1;
        issues[number] = { state: 'OPEN' };
        return send(201, { number, html_url: `https://github.com/${target.owner}/${target.name}/issues/${number}`, title: (JSON.parse(body || '{}') as { title?: string }).title });
      }
      const commented = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
      if (commented && req.method === 'POST') {
        record.body = body;
        if (!authed) return send(401, { message: 'Requires authentication' });
        const issue = find(decodeURIComponent(commented[1]!), decodeURIComponent(commented[2]!))?.issues?.[Number(commented[3])];
        if (!issue) return send(404, { message: 'Not Found' });
        (issue.comments ??= []).push((JSON.parse(body || '{}') as { body?: string }).body ?? '');
        return send(201, { id: issue.comments.length, html_url: `https://github.com/${commented[1]}/${commented[2]}/issues/${commented[3]}#issuecomment-${issue.comments.length}` });
      }
      if (req.method !== 'GET') return send(404, { message: 'Not Found' });
      const m = /^\/repos\/([^/]+)\/([^/]+)(?:\/(.*))?$/.exec(path);
      if (!m) return send(404, { message: 'Not Found' });
      const [owner, name, rest = ''] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), m[3]];
      const target = redirects.get(`${owner}/${name}`.toLowerCase());
      if (target) {
        res.writeHead(302, { location: target });
        return void res.end();
      }
      const r = find(owner, name);
      if (!r || (r.private && !authed)) return send(404, { message: 'Not Found' });
      const ref = url.searchParams.get('ref') ?? 'HEAD';
      const file = (p: string): unknown => ({ type: 'file', path: p, encoding: 'base64', content: Buffer.from(r.files[p] ?? '').toString('base64') });
      let mm: RegExpExecArray | null;
      if (rest === '') return send(200, { full_name: `${r.owner}/${r.name}`, html_url: `https://github.com/${r.owner}/${r.name}`, archived: r.archived === true, default_branch: r.defaultBranch ?? 'main' });
      if ((mm = /^contents\/?(.*)$/.exec(rest))) {
        const p = decodeURIComponent(mm[1] ?? '');
        const version = r.fileVersions?.[p]?.find((v) => ref.length >= 7 && v.sha.startsWith(ref.toLowerCase()));
        if (version) return send(200, { type: 'file', path: p, encoding: 'base64', content: Buffer.from(version.text).toString('base64') });
        if (!refSha(r, ref)) return send(404, { message: 'No commit found for the ref' });
        if (r.files[p] !== undefined) return send(200, file(p));
        const dir = dirOf(r, p);
        return dir ? send(200, dir.map((f) => ({ type: 'file', path: f }))) : send(404, { message: 'Not Found' });
      }
      if ((mm = /^readme\/?(.*)$/.exec(rest))) {
        const f = refSha(r, ref) ? readmeIn(r, decodeURIComponent(mm[1] ?? '')) : undefined;
        return f ? send(200, file(f)) : send(404, { message: 'Not Found' });
      }
      if ((mm = /^branches\/(.+)$/.exec(rest))) {
        const b = decodeURIComponent(mm[1]!);
        const s = r.branches[b];
        return s ? send(200, { name: b, commit: { sha: s } }) : send(404, { message: 'Branch not found' });
      }
      if ((mm = /^git\/ref\/tags\/(.+)$/.exec(rest))) {
        const t = decodeURIComponent(mm[1]!);
        const s = r.tags?.[t];
        return s ? send(200, { ref: `refs/tags/${t}`, object: { sha: s } }) : send(404, { message: 'Not Found' });
      }
      if (rest === 'commits') {
        const p = url.searchParams.get('path') ?? '';
        const at = url.searchParams.get('sha');
        if (at && !refSha(r, at)) return send(404, { message: 'No commit found for SHA' });
        const all = r.fileVersions?.[p] ?? (r.files[p] !== undefined ? [{ sha: refSha(r, 'HEAD')!, date: '2024-01-01T00:00:00Z', text: r.files[p] }] : []);
        // at a commit of the file's history: that version and the older ones
        const from = at ? all.findIndex((v) => v.sha.startsWith(at.toLowerCase())) : -1;
        const versions = from >= 0 ? all.slice(from) : all;
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
        return send(200, versions.slice(0, perPage).map((v) => ({ sha: v.sha, commit: { committer: { date: v.date }, author: { date: v.date } } })));
      }
      if ((mm = /^commits\/(.+)$/.exec(rest))) {
        const s = refSha(r, decodeURIComponent(mm[1]!));
        return s ? send(200, { sha: s }) : send(422, { message: 'No commit found for SHA' });
      }
      if (rest === 'pulls') {
        // the open pull requests, filtered by head ("owner:branch") when given
        const head = url.searchParams.get('head');
        const want = url.searchParams.get('state') ?? 'open';
        const pulls = Object.entries(r.issues ?? {}).filter(([, i]) => i.pull && (want === 'all' || (want === 'open') === (i.state === 'OPEN')) && (!head || i.head?.toLowerCase() === head.toLowerCase()));
        return send(200, pulls.map(([n, i]) => ({ number: Number(n), state: i.state === 'OPEN' ? 'open' : 'closed', title: i.title ?? `Item ${n}`, html_url: `https://github.com/${r.owner}/${r.name}/pull/${n}`, head: { label: i.head ?? '' } })));
      }
      if ((mm = /^(issues|pulls)\/(\d+)$/.exec(rest))) {
        const issue = r.issues?.[Number(mm[2])];
        if (!issue || (mm[1] === 'pulls' && !issue.pull)) return send(404, { message: 'Not Found' });
        const state = issue.state === 'OPEN' ? 'open' : 'closed';
        const closedAt = issue.state === 'OPEN' ? null : (issue.closedAt ?? '2024-01-01T00:00:00Z');
        return send(200, {
          number: Number(mm[2]), state, title: issue.title ?? `Item ${mm[2]}`, closed_at: closedAt,
          html_url: `https://github.com/${r.owner}/${r.name}/${issue.pull ? 'pull' : 'issues'}/${mm[2]}`,
          ...(issue.body !== undefined ? { body: issue.body } : {}),
          ...(issue.labels ? { labels: issue.labels.map((name) => ({ name })) } : {}),
          ...(issue.pull ? { pull_request: { merged_at: issue.state === 'MERGED' ? closedAt : null } } : {}),
        });
      }
      if ((mm = /^releases\/tags\/(.+)$/.exec(rest))) {
        return r.releases?.includes(decodeURIComponent(mm[1]!)) ? send(200, { tag_name: decodeURIComponent(mm[1]!) }) : send(404, { message: 'Not Found' });
      }
      if ((mm = /^git\/trees\/(.+)$/.exec(rest))) {
        if (!refSha(r, decodeURIComponent(mm[1]!))) return send(404, { message: 'Not Found' });
        return send(200, { tree: Object.keys(r.files).map((p) => ({ path: p, type: 'blob' })), truncated: false });
      }
      return send(404, { message: 'Not Found' });
    });
  });

  /** direct children of a folder ('' = the root), folders as trees */
  function treeEntries(r: FakeRepo, dir: string): Array<{ name: string; type: string; path: string }> {
    const prefix = dir === '' ? '' : `${dir}/`;
    const seen = new Map<string, string>();
    for (const f of Object.keys(r.files)) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) seen.set(rest, 'blob');
      else seen.set(rest.slice(0, slash), 'tree');
    }
    return [...seen].map(([name, type]) => ({ name, type, path: prefix + name }));
  }

  /** GraphQL Commit.history: newest first, `since` inclusive, cursors are offsets */
  function historyOf(r: FakeRepo) {
    return ({ since, first, after }: { since?: string; first?: number; after?: string }) => {
      const all = [...(r.history ?? [])].filter((c) => !since || c.date >= since).sort((a, b) => b.date.localeCompare(a.date));
      const start = after ? Number(after) : 0;
      const page = all.slice(start, start + (first ?? 100));
      const end = start + page.length;
      return {
        totalCount: all.length,
        pageInfo: { hasNextPage: end < all.length, endCursor: page.length > 0 ? String(end) : null },
        nodes: page.map((c) => ({ author: { email: c.email, user: c.login ? { login: c.login, company: userOf(c.login)?.company ?? null } : null } })),
      };
    };
  }

  async function executeGraphQL(source: string, variables: Record<string, unknown> | undefined): Promise<unknown> {
    const notFound: { type: string; path: string[]; message: string }[] = [];
    const repository = (args: { owner: string; name: string }, _ctx: unknown, info: { path: { key: string | number } }): unknown => {
      const r = find(args.owner, args.name);
      // a private repository is not visible with the tests' token
      if (!r || r.private) {
        notFound.push({ type: 'NOT_FOUND', path: [String(info.path.key)], message: `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.` });
        return null;
      }
      return {
        isArchived: r.archived === true,
        object: ({ expression }: { expression: string }) => {
          const colon = expression.indexOf(':');
          const ref = colon >= 0 ? expression.slice(0, colon) : expression;
          const s = refSha(r, ref);
          if (!s) return null;
          if (colon < 0) return { __typename: 'Commit', oid: s };
          const p = expression.slice(colon + 1).replace(/\/$/, '');
          if (r.files[p] !== undefined) return { __typename: 'Blob', oid: sha(p), text: r.files[p], isBinary: false, byteSize: Buffer.byteLength(r.files[p]) };
          return dirOf(r, p) ? { __typename: 'Tree', oid: sha(`tree:${p}`), entries: treeEntries(r, p) } : null;
        },
        ref: ({ qualifiedName }: { qualifiedName: string }) => {
          const b = /^refs\/heads\/(.+)$/.exec(qualifiedName);
          const t = /^refs\/tags\/(.+)$/.exec(qualifiedName);
          const s = b ? r.branches[b[1]!] : t ? r.tags?.[t[1]!] : undefined;
          return s ? { name: (b ?? t)![1], target: { __typename: 'Commit', oid: s } } : null;
        },
        issueOrPullRequest: ({ number }: { number: number }) => {
          const i = r.issues?.[number];
          if (!i) return null;
          const closedAt = i.state === 'OPEN' ? null : (i.closedAt ?? '2024-01-01T00:00:00Z');
          return {
            __typename: i.pull ? 'PullRequest' : 'Issue',
            state: i.pull ? i.state : i.state === 'MERGED' ? 'CLOSED' : i.state,
            title: i.title ?? `Item ${number}`,
            closedAt,
            mergedAt: i.pull && i.state === 'MERGED' ? closedAt : null,
          };
        },
        discussion: ({ number }: { number: number }) => (r.discussions?.includes(number) ? { id: `D_${number}` } : null),
        release: ({ tagName }: { tagName: string }) => (r.releases?.includes(tagName) ? { id: `R_${tagName}` } : null),
        nameWithOwner: `${r.owner}/${r.name}`,
        url: `https://github.com/${r.owner}/${r.name}`,
        licenseInfo: r.license ? { spdxId: r.license.spdxId, name: r.license.name } : null,
        defaultBranchRef: () => {
          const branch = r.defaultBranch ?? 'main';
          const oid = r.branches[branch];
          return oid ? { name: branch, target: { __typename: 'Commit', oid, history: historyOf(r) } } : null;
        },
        releases: ({ first }: { first?: number }) => {
          const nodes = [...(r.releaseList ?? [])]
            .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
            .slice(0, first ?? 100)
            .map((x) => ({ tagName: x.tag, publishedAt: x.publishedAt, url: `https://github.com/${r.owner}/${r.name}/releases/tag/${x.tag}`, isPrerelease: x.prerelease === true, isDraft: false }));
          return { nodes, totalCount: r.releaseList?.length ?? 0 };
        },
      };
    };
    const result = await graphql({
      schema: schema(),
      source,
      variableValues: variables,
      rootValue: {
        repository,
        user: (args: { login: string }, _ctx: unknown, info: { path: { key: string | number } }) => {
          const u = userOf(args.login);
          if (!u) notFound.push({ type: 'NOT_FOUND', path: [String(info.path.key)], message: `Could not resolve to a User with the login of '${args.login}'.` });
          return u ?? null;
        },
        rateLimit: { remaining: remaining.value, resetAt: new Date(Date.now() + 3600_000).toISOString(), cost: 1, limit: 5000, used: 0, nodeCount: 0 } },
    });
    const errors = [...(result.errors ?? []).map((e) => ({ message: e.message })), ...notFound];
    return errors.length > 0 ? { data: result.data, errors } : { data: result.data };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    gheApiUrl: `http://127.0.0.1:${port}/api/v3`,
    repos,
    requests,
    token,
    exhaust(resetAt = new Date(Date.now() + 3600_000)) {
      exhaustedUntil = resetAt;
    },
    restore() {
      exhaustedUntil = undefined;
    },
    failNext(n) {
      failures = n;
    },
    redirectRepo(fullName, to) {
      redirects.set(fullName.toLowerCase(), to);
    },
    reset() {
      requests.splice(0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
