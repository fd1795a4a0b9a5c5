/**
 * The GraphQL of evidence discovery: the facts of a batch of repositories (files in the root,
 * .github/ and docs/, default branch head, license, releases, the commit authors of the last 12
 * months) and the texts of a batch of files.
 */
import type { FolderListing, RepoEntry, RepoFacts, RepoRef, ReleaseInfo, FileRequest } from '../service/evidence/types';
import { trimEndChars } from '../service/text/trim';
import { normaliseCompany } from '../service/evidence/dotProject';
import type { MetadataFiles } from '../service/evidence/types';

/** a GraphQL query → its data (partial data kept for missing objects) */
export type GraphQL = (text: string) => Promise<Record<string, unknown>>;

const q = (s: string): string => JSON.stringify(s);
/** further pages of 100 commits read per repository for the author count */
const MAX_HISTORY_PAGES = 10;

interface TreeNode {
  entries?: { name?: string; type?: string }[] | null;
}
interface HistoryNode {
  totalCount?: number;
  pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
  nodes?: ({ author?: { email?: string | null; user?: { login?: string; company?: string | null } | null } | null } | null)[] | null;
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

const history = (since: string, after?: string): string =>
  `history(since: ${q(since)}, first: 100${after ? `, after: ${q(after)}` : ''}) { totalCount pageInfo { hasNextPage endCursor } nodes { author { email user { login company } } } }`;

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

/** Commits by stated company: the first spelling kept, compared without case and a leading "@". */
interface OrgCount {
  names: Map<string, string>;
  commits: Map<string, number>;
  unstated: number;
}

function authorsOf(h: HistoryNode | undefined, into: Set<string>, orgs?: OrgCount): void {
  for (const n of h?.nodes ?? []) {
    const id = n?.author?.user?.login ?? n?.author?.email ?? undefined;
    if (id) into.add(id.toLowerCase());
    if (!orgs || !n) continue;
    const company = normaliseCompany(n.author?.user?.company);
    if (!company) {
      orgs.unstated++;
      continue;
    }
    const key = company.toLowerCase();
    if (!orgs.names.has(key)) orgs.names.set(key, company);
    orgs.commits.set(key, (orgs.commits.get(key) ?? 0) + 1);
  }
}

function organisations(o: OrgCount): NonNullable<RepoFacts['commits']['organisations']> {
  return { commits: Object.fromEntries([...o.commits].map(([k, n]) => [o.names.get(k)!, n])), unstated: o.unstated };
}

/** The facts of up to a batch of repositories: one request, one more per further 100 commits. */
export async function repoFacts(query: GraphQL, chunk: readonly RepoRef[], iso: string): Promise<RepoFacts[]> {
  const facts: RepoFacts[] = [];
  const parts = chunk.map((r, i) => `r${i}: repository(owner: ${q(r.owner)}, name: ${q(r.name)}) {
  nameWithOwner url isArchived
  licenseInfo { spdxId name }
  defaultBranchRef { name target { oid ... on Commit { ${history(iso)} } } }
  ${tree('root', '')}
  ${tree('gh', '.github')}
  ${tree('docs', 'docs')}
  releases(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { tagName publishedAt url isPrerelease isDraft } }
}`);
  const data = await query(`query {\n${parts.join('\n')}\nrateLimit { remaining resetAt }\n}`);
  const authors = chunk.map(() => new Set<string>());
  const orgs = chunk.map((): OrgCount => ({ names: new Map(), commits: new Map(), unstated: 0 }));
  const cursors: Array<string | undefined> = chunk.map(() => undefined);
  chunk.forEach((r, i) => {
    const node = data[`r${i}`] as RepoNode | null | undefined;
    const target = node?.defaultBranchRef?.target;
    if (!node || !target?.oid) {
      facts.push({ repo: `${r.owner}/${r.name}`, exists: false, webUrl: '', archived: false, defaultBranch: '', headSha: '', license: undefined, entries: [], releases: [], commits: { count: 0, authors: [], authorsComplete: true } });
      return;
    }
    authorsOf(target.history, authors[i]!, orgs[i]);
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
    const next = await query(`query {\n${more.join('\n')}\n}`);
    chunk.forEach((_r, i) => {
      if (!cursors[i]) return;
      const h = (next[`r${i}`] as RepoNode | null | undefined)?.defaultBranchRef?.target?.history;
      authorsOf(h, authors[i]!, orgs[i]);
      cursors[i] = h?.pageInfo?.hasNextPage && h.pageInfo.endCursor ? h.pageInfo.endCursor : undefined;
    });
  }
  chunk.forEach((_r, i) => {
    const f = facts[i]!;
    f.commits.authors = [...authors[i]!].sort();
    f.commits.authorsComplete = cursors[i] === undefined;
    if (f.exists) f.commits.organisations = organisations(orgs[i]!);
  });
  return facts;
}

/** The texts of a batch of files (undefined: missing or binary), in one request. */
export async function fileTexts(query: GraphQL, chunk: readonly FileRequest[]): Promise<Array<string | undefined>> {
  const out: Array<string | undefined> = [];
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
  const data = await query(`query {\n${parts.join('\n')}\n}`);
  chunk.forEach((f, i) => {
    const r = data[repoAlias.get(`${f.owner}/${f.name}`.toLowerCase())!] as Record<string, { text?: string | null; isBinary?: boolean } | null> | null | undefined;
    const blob = r?.[`f${i}`];
    out.push(blob && !blob.isBinary && typeof blob.text === 'string' ? blob.text : undefined);
  });
  return out;
}

/** The entries of folders of one repository at the head of its default branch, in one request. */
export async function folderListing(query: GraphQL, repo: RepoRef, paths: readonly string[]): Promise<FolderListing> {
  const fields = paths.map((p, i) => tree(`f${i}`, p));
  const data = await query(`query {\nr: repository(owner: ${q(repo.owner)}, name: ${q(repo.name)}) {\n  url defaultBranchRef { target { oid } }\n  ${fields.join('\n  ')}\n}\n}`);
  const node = data['r'] as (RepoNode & Record<string, TreeNode | null | undefined>) | null | undefined;
  const oid = node?.defaultBranchRef?.target?.oid;
  if (!node || !oid) return { exists: false, webUrl: '', headSha: '', folders: paths.map(() => undefined) };
  return {
    exists: true,
    webUrl: trimEndChars(node.url ?? '', '/'),
    headSha: oid,
    folders: paths.map((p, i) => {
      const t = node[`f${i}`];
      if (!t?.entries) return undefined;
      return t.entries.filter((e) => typeof e.name === 'string').map((e): RepoEntry => ({ path: `${p}/${e.name!}`, type: e.type === 'tree' ? 'tree' : 'blob' }));
    }),
  };
}

interface BlobNode {
  byteSize?: number;
  isBinary?: boolean | null;
  text?: string | null;
}

/** Files of several repositories at their default branch's head, in one request. */
export async function metadataFiles(query: GraphQL, repos: readonly RepoRef[], paths: readonly string[]): Promise<Array<MetadataFiles | undefined>> {
  const parts = repos.map((r, i) => `r${i}: repository(owner: ${q(r.owner)}, name: ${q(r.name)}) {
  nameWithOwner url defaultBranchRef { target { oid } }
  ${paths.map((p, j) => `f${j}: object(expression: ${q(`HEAD:${p}`)}) { ... on Blob { byteSize isBinary text } }`).join('\n  ')}
}`);
  const data = await query(`query {\n${parts.join('\n')}\n}`);
  return repos.map((_r, i) => {
    const node = data[`r${i}`] as (RepoNode & Record<string, BlobNode | null | undefined>) | null | undefined;
    const oid = node?.defaultBranchRef?.target?.oid;
    if (!node || !oid) return undefined;
    return {
      repo: node.nameWithOwner ?? '',
      webUrl: trimEndChars(node.url ?? '', '/'),
      headSha: oid,
      files: paths.map((_p, j) => {
        const b = node[`f${j}`];
        if (!b || typeof b.byteSize !== 'number') return undefined;
        return { text: !b.isBinary && typeof b.text === 'string' ? b.text : undefined, byteSize: b.byteSize };
      }),
    };
  });
}

/** The company each user's profile states (null: none; undefined: no such user), in one request. */
export async function userCompanies(query: GraphQL, logins: readonly string[]): Promise<Array<string | null | undefined>> {
  const parts = logins.map((l, i) => `u${i}: user(login: ${q(l)}) { login company }`);
  const data = await query(`query {\n${parts.join('\n')}\n}`);
  return logins.map((_l, i) => {
    const u = data[`u${i}`] as { company?: string | null } | null | undefined;
    return u ? (typeof u.company === 'string' ? u.company : null) : undefined;
  });
}
