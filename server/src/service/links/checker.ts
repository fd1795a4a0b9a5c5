/**
 * Checks the links of a document: web pages over HTTP (hop by hop, each target vetted), GitHub
 * objects through the GitHub API (batched), relative links against the workspace. Results go to
 * `onResult` as they arrive so the host can publish local diagnostics first; the returned report is
 * the final word (network failures are only delivered at the end, once it is known whether the
 * machine is simply offline).
 *
 * The rooms: `httpPolicy.ts` asks web hosts (limits, rate limits, hops), `githubVerdicts.ts` asks
 * the GitHub API and reads its answers, `linkVerdict.ts` turns what is known of a resource into
 * the verdict on one link, `checkRun.ts` is one check of one document. This file wires them.
 */
import { CancelledError, systemClock, silentLogger, type CancellationToken, type Clock, type FileSystem, type Logger } from '../host';
import type { Link } from '../model/types';
import { LinkCache } from './cache';
import { CheckRun, type CheckerState, type CheckOptions, type LinkReport } from './checkRun';
import { GitHubVerdicts } from './githubVerdicts';
import { HttpPolicy } from './httpPolicy';
import { InFlight } from './limiter';
import type { GitHubApi, HttpClient } from './types';

export { compileIgnore, type CheckOptions, type LinkReport } from './checkRun';
export { retryWaitMs } from './httpPolicy';
export { ghSummary } from './githubVerdicts';

export interface LinkCheckerDeps {
  http: HttpClient;
  /** without it, GitHub links are checked as web pages */
  github?: GitHubApi;
  files?: FileSystem;
  cache?: LinkCache;
  clock?: Clock;
  logger?: Logger;
  /** cancellable wait (tests shorten it) */
  sleep?: (ms: number, token: CancellationToken) => Promise<void>;
  /** longest Retry-After / rate-limit reset honoured before giving up on a host (ms) */
  maxRetryWaitMs?: number;
  /** wait before retrying a 5xx answer or a reset connection (ms) */
  retryDelayMs?: number;
  /** web hosts whose links are GitHub objects; by default derived from config.github.apiUrl */
  githubWebHosts?: string[];
  userAgent?: string;
  /**
   * Set by a host that cannot request web pages (a browser: cross-origin rules): they are not
   * requested, and one links-not-checked per document says this sentence. GitHub links still
   * go through the API.
   */
  pagesNotChecked?: string;
}

export interface LinkChecker {
  readonly cache: LinkCache;
  check(links: readonly Link[], options: CheckOptions, token: CancellationToken): Promise<LinkReport>;
}

/** The links a document's checks are about: evidence and references, not the template's own links. */
export function linksToCheck(links: readonly Link[]): Link[] {
  return links.filter((l) => !l.inTitle && l.syntax !== 'reference' && l.url !== '');
}

function defaultSleep(ms: number, token: CancellationToken): Promise<void> {
  return new Promise((resolve, reject) => {
    if (token.isCancellationRequested) return reject(new CancelledError());
    const listening = token.onCancellationRequested(() => {
      clearTimeout(timer);
      reject(new CancelledError());
    });
    const timer = setTimeout(() => {
      listening.dispose();
      resolve();
    }, ms);
  });
}

export function createLinkChecker(deps: LinkCheckerDeps): LinkChecker {
  const clock = deps.clock ?? systemClock;
  const now = (): number => clock.now().getTime();
  const log = deps.logger ?? silentLogger;
  const web = new HttpPolicy({
    http: deps.http,
    now,
    log,
    sleep: deps.sleep ?? defaultSleep,
    maxRetryWaitMs: deps.maxRetryWaitMs ?? 10_000,
    retryDelayMs: deps.retryDelayMs ?? 1_000,
    userAgent: deps.userAgent ?? 'diligence-link-checker (+https://github.com/diligence-tools/diligence)',
  });
  const state: CheckerState = {
    cache: deps.cache ?? new LinkCache(),
    web,
    pages: new InFlight(),
    github: deps.github ? new GitHubVerdicts(deps.github, web, now, log) : undefined,
    files: deps.files,
    githubWebHosts: deps.githubWebHosts,
    ...(deps.pagesNotChecked !== undefined ? { pagesNotChecked: deps.pagesNotChecked } : {}),
    now,
    log,
  };
  return {
    cache: state.cache,
    check: (links, options, token) => new CheckRun(state, options, token).run(links),
  };
}
