/**
 * The due diligence's pull request from the git checkout it lives in, for the public-comment
 * e-mail when neither the document's links nor `--pr` give it: the host reads the checkout
 * (node/ddPullRequest.ts: its branch and remotes), then the configured GitHub API is asked for an
 * open pull request into the TOC repository (or the repository of a remote) whose head is
 * `<remote owner>:<branch>`. Offline, untrusted, no checkout, no GitHub remote, none found: the
 * field stays the template's placeholder and a note says why.
 */
import type { ApplicationGitHub } from '../application/issue';
import type { CancellationToken } from '../host';
import { githubRepoOfRemote, type parseGitConfig, webHostOfApi } from './gitRemote';

export interface Checkout {
  branch: string;
  config: ReturnType<typeof parseGitConfig>;
}

export type ReadCheckout = (docUri: string, roots?: readonly string[]) => Promise<Checkout | string>;

export interface PullSearch {
  github: ApplicationGitHub | undefined;
  allowNetwork: boolean;
  apiUrl: string;
  /** owner/name */
  tocRepo: string;
  roots?: readonly string[];
  /** the checkout a document lives in (the host reads it: Node from the disk), or why there is none */
  readCheckout: ReadCheckout;
}

/** The DD pull request's URL, or a note saying why it was not found. */
export async function ddPullFromCheckout(docUri: string, o: PullSearch, token: CancellationToken): Promise<{ url: string } | { note: string }> {
  const none = (why: string): { note: string } => ({ note: `The DD pull request was not found from the git checkout (${why}): DD PR keeps its placeholder.` });
  const checkout = await o.readCheckout(docUri, o.roots);
  if (typeof checkout === 'string') return none(checkout);
  // github.com's remotes, and those of the configured API's own server (GitHub Enterprise), as the link checks do
  const hosts = [...new Set(['github.com', webHostOfApi(o.apiUrl)])];
  const repoOf = (url: string): { owner: string; name: string } | undefined => hosts.map((h) => githubRepoOfRemote(url, h)).find((r) => r !== undefined);
  const repos = checkout.config.remotes.map((r) => ({ remote: r.name, repo: repoOf(r.url) })).filter((r): r is { remote: string; repo: { owner: string; name: string } } => r.repo !== undefined);
  if (repos.length === 0) return none(`no remote on ${hosts.join(' or ')}`);
  if (!o.allowNetwork) return none('offline, or the workspace is not trusted');
  if (!o.github?.openPull) return none('the GitHub API is not available');
  // the branch's own remote first; the TOC repository, then the remotes' repositories, as bases
  const tracked = checkout.config.branchRemote.get(checkout.branch);
  const heads = [...new Set([...repos.filter((r) => r.remote === tracked), ...repos].map((r) => r.repo.owner))].slice(0, 3);
  const [tocOwner = 'cncf', tocName = 'toc'] = o.tocRepo.split('/');
  const bases = [{ owner: tocOwner, name: tocName }, ...repos.map((r) => r.repo)].filter((b, i, all) => all.findIndex((x) => `${x.owner}/${x.name}`.toLowerCase() === `${b.owner}/${b.name}`.toLowerCase()) === i).slice(0, 3);
  for (const base of bases) {
    for (const owner of heads) {
      const r = await o.github.openPull({ owner: base.owner, repo: base.name }, `${owner}:${checkout.branch}`, token);
      if (!r.ok) return none(r.message);
      if (r.value) return { url: r.value };
    }
  }
  return none(`no open pull request from ${heads.map((h) => `${h}:${checkout.branch}`).join(' or ')} into ${bases.map((b) => `${b.owner}/${b.name}`).join(' or ')}`);
}

/**
 * The public-comment draft (`draft(pullRequest)`), with the DD pull request from the checkout when
 * the document and the options did not give it; a note when it was not found there either.
 */
export async function draftWithCheckoutPull<D extends { pullRequest: string | null; notes: string[] }>(docUri: string, draft: (pullRequest?: string) => D | undefined, o: PullSearch, token: CancellationToken): Promise<D | undefined> {
  const first = draft();
  if (!first || first.pullRequest) return first;
  const found = await ddPullFromCheckout(docUri, o, token);
  if ('url' in found) return draft(found.url);
  return { ...first, notes: [...first.notes, found.note] };
}
