/**
 * Evidence discovery's contracts with the outside: what it asks GitHub (in batches: one GraphQL
 * request answers for many repositories) and what it keeps. OpenSSF services are asked through
 * the link checker's HttpClient. Plain data only.
 */
import type { CancellationToken } from '../host';

export type ApiFailure =
  | { ok: false; kind: 'rate-limited'; resetAt: number | undefined; message: string }
  | { ok: false; kind: 'network' | 'server' | 'auth' | 'no-token' | 'not-found' | 'other'; message: string };

export type ApiOutcome<T> = { ok: true; value: T } | ApiFailure;

export interface RepoRef {
  owner: string;
  name: string;
}

/** A file or folder in the places evidence is looked for (the root, `.github/`, `docs/`). */
export interface RepoEntry {
  /** path from the repository root, e.g. "docs/SECURITY.md" */
  path: string;
  type: 'blob' | 'tree';
}

export interface ReleaseInfo {
  tag: string;
  /** ISO date-time; undefined for a release never published */
  publishedAt: string | undefined;
  url: string;
  prerelease: boolean;
}

/** What one batch tells about one repository. */
export interface RepoFacts {
  /** "owner/name" as GitHub spells it */
  repo: string;
  exists: boolean;
  /** https://github.com/owner/name */
  webUrl: string;
  archived: boolean;
  defaultBranch: string;
  /** the commit the default branch points to: every permalink is pinned to it */
  headSha: string;
  license: { spdxId: string | null; name: string } | undefined;
  entries: RepoEntry[];
  /** newest first, at most 100 */
  releases: ReleaseInfo[];
  commits: {
    /** commits on the default branch since `since` */
    count: number;
    /** distinct authors (login, else e-mail) among the commits read */
    authors: string[];
    /** false when only part of the commits were read (the count is still exact) */
    authorsComplete: boolean;
    /**
     * the commits read, by the company their author's GitHub profile states (as written, first
     * spelling kept; compared without case and a leading "@"), and those whose author states none
     * or has no GitHub account
     */
    organisations?: { commits: Record<string, number>; unstated: number };
  };
}

/** A file to read at a commit. */
export interface FileRequest extends RepoRef {
  sha: string;
  path: string;
}

export interface TemplateFile {
  text: string;
  /** the commit it was read at */
  sha: string;
  /** https://github.com/owner/name */
  webUrl: string;
}

export interface CreatedIssue {
  number: number;
  url: string;
}

/** Folders of one repository at the head of its default branch (one request for all). */
export interface FolderListing {
  /** false: the repository does not exist or is not visible with the token */
  exists: boolean;
  /** https://github.com/owner/name */
  webUrl: string;
  headSha: string;
  /** per folder asked, its direct entries (paths from the repository root); undefined: no such folder */
  folders: Array<RepoEntry[] | undefined>;
}

/** Files of one repository at the head of its default branch. */
export interface MetadataFiles {
  /** "owner/name" as GitHub spells it */
  repo: string;
  webUrl: string;
  headSha: string;
  /** per path asked: its text (undefined when binary) and size; undefined when missing */
  files: Array<{ text: string | undefined; byteSize: number } | undefined>;
}

export interface EvidenceGitHub {
  /** facts about each repository, in order; one GraphQL request per batch of repositories */
  repositories(repos: readonly RepoRef[], since: Date, token: CancellationToken): Promise<ApiOutcome<RepoFacts[]>>;
  /** texts of files, in order (undefined: missing or binary); batched */
  texts(files: readonly FileRequest[], token: CancellationToken): Promise<ApiOutcome<Array<string | undefined>>>;
  /** the entries of folders of one repository at its default branch's head, in one request */
  folders(repo: RepoRef, paths: readonly string[], token: CancellationToken): Promise<ApiOutcome<FolderListing>>;
  /** one file at a ref ('' = the default branch), with the commit it was read at */
  file(repo: RepoRef, path: string, ref: string, token: CancellationToken): Promise<ApiOutcome<TemplateFile>>;
  /**
   * the files of metadata repositories (CNCF's `<org>/.project`) at their default branch's head,
   * all in one request; per repository undefined when it does not exist or is not visible
   */
  metadataFiles?(repos: readonly RepoRef[], paths: readonly string[], token: CancellationToken): Promise<ApiOutcome<Array<MetadataFiles | undefined>>>;
  /** the company each user's GitHub profile states (null: none; undefined: no such user); batched */
  userCompanies?(logins: readonly string[], token: CancellationToken): Promise<ApiOutcome<Array<string | null | undefined>>>;
  createIssue(repo: RepoRef, title: string, body: string, token: CancellationToken): Promise<ApiOutcome<CreatedIssue>>;
  /** requests sent so far */
  readonly requestCount: number;
}
