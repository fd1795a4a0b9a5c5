/**
 * The link checker's contracts with the outside: one HTTP request (the Node adapter does the
 * sockets, the address guard and decompression), the GitHub API (batched), cache persistence.
 * Plain data only, so the same core runs under Node, in tests against fakes, or in a browser worker.
 */
import type { DiagnosticCode } from '../codes';
import type { CancellationToken } from '../host';
import type { GitHubObject } from './githubUrl';

export type NetErrorKind = 'dns-notfound' | 'dns-temporary' | 'refused' | 'reset' | 'timeout' | 'blocked-address' | 'tls' | 'too-large' | 'other';

/** One request; the client never follows redirects (the checker does, hop by hop, to vet each target). */
export interface HttpRequest {
  url: string;
  /** POST only for JSON APIs that take a body (DevStats); link checks are HEAD and GET */
  method: 'HEAD' | 'GET' | 'POST';
  headers: Record<string, string>;
  /** the request body (POST) */
  body?: string;
  timeoutMs: number;
  /** decompressed bytes kept at most; the rest is dropped and `truncated` set */
  maxBodyBytes: number;
  /** read the body (GET only); otherwise the connection is dropped after the headers */
  wantBody: boolean;
  /** connect to private, loopback, link-local… addresses (tests, intranets) */
  allowPrivateHosts: boolean;
}

export interface HttpResponse {
  ok: true;
  status: number;
  /** lower-case names */
  headers: Record<string, string>;
  body?: string;
  truncated?: boolean;
}

export interface HttpFailure {
  ok: false;
  kind: NetErrorKind;
  message: string;
}

export interface HttpClient {
  request(req: HttpRequest, token: CancellationToken): Promise<HttpResponse | HttpFailure>;
}

/** What the checker asks GitHub about one link. */
export interface GitHubQuery {
  owner: string;
  repo: string;
  object: GitHubObject;
  /** the file's text is wanted (heading anchors, line anchors) */
  wantText: boolean;
}

export interface GitHubAnswer {
  repoExists: boolean;
  archived: boolean;
  /** the object exists; undefined when the API cannot tell (e.g. discussions without GraphQL) */
  found: boolean | undefined;
  /** OPEN, CLOSED, MERGED for issues and pull requests */
  state?: string;
  /** issues and pull requests: title, and when closed or merged (ISO 8601) */
  title?: string;
  closedAt?: string;
  mergedAt?: string;
  /** for paths: the blob's text when wanted and textual */
  text?: string;
  /** for paths: what the ref is; `headSha` is the commit a branch points to */
  refKind?: 'branch' | 'tag' | 'commit' | 'unknown';
  headSha?: string;
}

export type GitHubOutcome =
  | { ok: true; answers: GitHubAnswer[] }
  | { ok: false; kind: 'rate-limited'; resetAt: number | undefined; message: string }
  | { ok: false; kind: 'network' | 'server' | 'auth' | 'other'; message: string };

export interface GitHubApi {
  /** answers in the order of the queries; an implementation batches as it can */
  query(queries: readonly GitHubQuery[], token: CancellationToken): Promise<GitHubOutcome>;
  /** every file path of the repository at a ref (for "did you mean"); undefined when unknown */
  listPaths(owner: string, repo: string, ref: string, token: CancellationToken): Promise<string[] | undefined>;
}

/** One problem with one link, before it is placed on the document. */
export interface LinkProblem {
  code: DiagnosticCode;
  message: string;
  replacement?: string;
  replacementTitle?: string;
}

/** What is known about a URL without its fragment: what the cache holds. */
export interface ResourceResult {
  /** ms since the epoch */
  checkedAt: number;
  problems: LinkProblem[];
  /** anchors of the document, when its body was read */
  anchors?: string[];
  /** false when the body was cut at the size cap: a missing anchor may be further on */
  anchorsComplete?: boolean;
  /** lines of a GitHub file, for #L anchors */
  lineCount?: number;
  /** commit a GitHub branch link points to now, for the pin quick fix */
  pinSha?: string;
  /** how many path segments the branch name takes in the URL (`release/v1` → 2) */
  pinRefSegments?: number;
  /** transient failure: cached briefly, and reported as not-checked if every request failed like it */
  networkFailure?: NetErrorKind;
  /** rate limited: nothing is known */
  rateLimitedUntil?: number;
  /** what was found, in one line for the hover ("200 OK", "Pull request #12 · merged on 2024-01-01") */
  summary?: string;
  /** where the redirects ended, when they did not end at the URL itself */
  finalUrl?: string;
}

/** `browser`: the host cannot request web pages (cross-origin rules); GitHub links are still checked through the API */
export type NotCheckedReason = 'offline' | 'rate-limited' | 'untrusted' | 'cancelled' | 'too-many' | 'browser';

/** Distinct URLs checked per document at most (in document order); the rest get one links-not-checked. */
export const MAX_LINKS_PER_DOCUMENT = 5_000;

/**
 * Web pages requested per host per document at most (in document order): at the per-host
 * concurrency (4) a host answering in 100 ms takes 6 s for them, where 5,000 took two minutes.
 * Pages already in the cache do not count; GitHub links (asked of the API in batches) neither.
 */
export const MAX_PAGES_PER_HOST = 250;

export interface NotChecked {
  reason: NotCheckedReason;
  message: string;
  /** ms since the epoch, for rate limits */
  resetAt?: number;
  /** for rate limits: the GitHub API is (one of) the hosts that limited us — a token raises its limit */
  github?: boolean;
}

/** The verdict on one URL as written in the document (fragment included). */
export interface LinkResult {
  url: string;
  problems: LinkProblem[];
  /** set when this link could not be checked (it then has no problems) */
  notChecked?: NotChecked;
  fromCache: boolean;
  /** ms since the epoch: when the answer this verdict is based on was obtained */
  checkedAt?: number;
  summary?: string;
  finalUrl?: string;
  /** where it was checked, when the configured GitHub API is an Enterprise one (links/checkedWhere.ts) */
  checkedWith?: string;
}
