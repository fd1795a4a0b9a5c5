/**
 * The GraphQL of evidence discovery: the facts of a batch of repositories (files in the root,
 * .github/ and docs/, default branch head, license, releases, the commit authors of the last 12
 * months) and the texts of a batch of files.
 */
import type { FolderListing, RepoEntry, RepoFacts, RepoRef, ReleaseInfo, FileRequest } from '../service/evidence/types';
import { trimEndChars } from '../service/text/trim';

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
    const next = await query(`query {\n${more.join('\n')}\n}`);
    chunk.forEach((_r, i) => {
      if (!cursors[i]) return;
      const h = (next[`r${i}`] as RepoNode | null | undefined)?.defaultBranchRef?.target?.history;
      authorsOf(h, authors[i]!);
      cursors[i] = h?.pageInfo?.hasNextPage && h.pageInfo.endCursor ? h.pageInfo.endCursor : undefined;
    });
  }
  chunk.forEach((_r, i) => {
    const f = facts[i]!;
    f.commits.authors = [...authors[i]!].sort();
    f.commits.authorsComplete = cursors[i] === undefined;
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
