/**
 * One check of one document's links. It owns what the check learns as it goes: the verdicts
 * (delivered as they arrive), every request's attempt (to tell "offline" from "a host is down"),
 * and the network failures held back until the end (offline is one finding, not one per link).
 */
import { networkChecksEnabled, type DiligenceConfig } from '../config';
import { throwIfCancelled, type CancellationToken, type FileSystem, type Logger } from '../host';
import type { Link } from '../model/types';
import type { LinkCache } from './cache';
import { githubWebHost, parseGitHubUrl } from './githubUrl';
import { checkedWhere } from './checkedWhere';
import { ghCacheKey, ghQuery, GITHUB_API_HOST, type GitHubItem, type GitHubVerdicts } from './githubVerdicts';
import { hostOf, type Asker, type Attempt, type HttpPolicy } from './httpPolicy';
import type { InFlight } from './limiter';
import { formatReset, fragmentOf, stripFragment, verdict } from './linkVerdict';
import { checkRelative, linkRoots } from './relativeLinks';
import { MAX_LINKS_PER_DOCUMENT, MAX_PAGES_PER_HOST, type LinkResult, type NotChecked, type ResourceResult } from './types';
import { Code } from '../codes';

/** transient failures are remembered briefly: long enough not to hammer, short enough to recover */
const FAILURE_TTL_MS = 5 * 60_000;

/** What outlives one check: the cache, the per-host policy, the requests in flight. */
export interface CheckerState {
  cache: LinkCache;
  web: HttpPolicy;
  /** pages being fetched, by URL and whether the body is wanted: shared between checks */
  pages: InFlight<ResourceResult | 'blocked'>;
  /** without it, GitHub links are checked as web pages */
  github?: GitHubVerdicts;
  files?: FileSystem;
  /** web hosts whose links are GitHub objects; by default derived from config.github.apiUrl */
  githubWebHosts?: string[];
  /** web pages (links that are not GitHub objects) are not requested: why, said once per document (the browser) */
  pagesNotChecked?: string;
  now: () => number;
  log: Logger;
}

export interface CheckOptions {
  /** the document's URI, against which relative links are resolved */
  documentUri: string;
  config: DiligenceConfig;
  /** false in an untrusted workspace: nothing goes over the network, one links-not-checked finding */
  allowNetwork?: boolean;
  /** offline by choice (`--offline`): relative links are checked, web links not, and that is said once */
  offline?: boolean;
  /** called once per distinct URL as soon as its verdict is known */
  onResult?: (result: LinkResult) => void;
  /**
   * Folders (file URIs) inside which relative links are checked: the workspace folders holding
   * the document, or its repository (node/hostAdapters.ts linkRootsFor). Without them, the
   * document's own folder.
   */
  roots?: readonly string[];
}

export interface LinkReport {
  /** by URL as written in the document */
  results: Map<string, LinkResult>;
  /** set when some links could not be checked at all: one finding for the document */
  notChecked?: NotChecked;
}

/** `*` globs match any run of characters; `/…/` is a regular expression. */
export function compileIgnore(patterns: readonly string[]): (url: string) => boolean {
  const res: RegExp[] = [];
  for (const p of patterns) {
    const m = /^\/(.*)\/([a-z]*)$/.exec(p);
    try {
      if (m) res.push(new RegExp(m[1] ?? '', m[2]));
      else res.push(new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$'));
    } catch {
      // an invalid pattern in the settings ignores nothing rather than everything
    }
  }
  return (url) => res.some((r) => r.test(url));
}

function apiOrigin(config: DiligenceConfig): string {
  try {
    return new URL(config.github.apiUrl).host;
  } catch {
    return 'the GitHub API';
  }
}

export class CheckRun implements Asker {
  readonly config: DiligenceConfig;
  private readonly results = new Map<string, LinkResult>();
  private readonly attempts: Attempt[] = [];
  private readonly deferred: { urls: string[]; key: string; resource: ResourceResult }[] = [];
  private readonly githubUrls: string[] = [];
  /** the same, for the "checked where" of each verdict */
  private readonly viaApi = new Set<string>();
  /** web pages left alone because the host cannot request them (state.pagesNotChecked) */
  private pagesLeft = 0;
  private readonly ttl: number;
  /** pages requested by host, and the links left unchecked beyond MAX_PAGES_PER_HOST */
  private readonly perHost = new Map<string, number>();
  private readonly overHost = { links: 0, hosts: new Set<string>() };

  constructor(
    private readonly state: CheckerState,
    private readonly options: CheckOptions,
    readonly token: CancellationToken,
  ) {
    this.config = options.config;
    this.ttl = this.config.links.cacheTtl * 1000;
  }

  attempted(attempt: Attempt): void {
    this.attempts.push(attempt);
  }

  async run(links: readonly Link[]): Promise<LinkReport> {
    const report: LinkReport = { results: this.results };
    if (!networkChecksEnabled(this.config)) return report;
    const ignored = compileIgnore(this.config.links.ignore);
    const webUrls = new Set<string>();
    const relUrls = new Set<string>();
    const skipped = new Set<string>();
    for (const l of links) {
      if (l.url === '' || ignored(l.url) || (l.target !== 'web' && l.target !== 'relative')) continue;
      if (webUrls.has(l.url) || relUrls.has(l.url)) continue;
      // A document's links are bounded: a generated page of 100,000 links does not become 100,000 requests.
      if (webUrls.size + relUrls.size >= MAX_LINKS_PER_DOCUMENT) skipped.add(l.url);
      else (l.target === 'web' ? webUrls : relUrls).add(l.url);
    }

    const tasks: Promise<void>[] = [];
    const files = this.state.files;
    if (files) for (const url of relUrls) tasks.push(checkRelative(files, url, this.options.documentUri, linkRoots(this.options.documentUri, this.options.roots), this.state.now(), this.token).then((r) => r && this.deliver(r)));

    if (webUrls.size > 0 && (this.options.allowNetwork === false || this.options.offline)) {
      report.notChecked = this.options.offline
        ? { reason: 'offline', message: `${webUrls.size} web link${webUrls.size === 1 ? ' was' : 's were'} not checked: offline (relative links were checked against the file system).` }
        : { reason: 'untrusted', message: 'Links were not checked: the workspace is not trusted, so no network request is made.' };
      await Promise.all(tasks);
      report.notChecked = withTooMany(report.notChecked, skipped.size);
      return report;
    }
    tasks.push(...this.checkWeb(webUrls));
    await Promise.all(tasks);
    throwIfCancelled(this.token);
    const notChecked = withTooMany(withTooManyOnHost(this.offline() ?? this.rateLimited() ?? this.pagesNotChecked(), this.overHost), skipped.size);
    if (notChecked) report.notChecked = notChecked;
    return report;
  }

  private deliver(verdictOf: LinkResult): void {
    const where = checkedWhere(verdictOf.url, this.viaApi.has(verdictOf.url), this.config.github.apiUrl);
    const r = where ? { ...verdictOf, checkedWith: where } : verdictOf;
    this.results.set(r.url, r);
    this.options.onResult?.(r);
  }

  /** A fresh answer: network failures wait for the end, rate limits are not cached. */
  private take(urls: readonly string[], key: string, resource: ResourceResult): void {
    if (resource.networkFailure !== undefined) {
      this.deferred.push({ urls: [...urls], key, resource });
      return;
    }
    if (resource.rateLimitedUntil === undefined) this.state.cache.set(key, resource, this.ttl);
    for (const url of urls) this.deliver(verdict(url, resource, false));
  }

  /** GitHub objects all in one batch; web pages every distinct resource once. */
  private checkWeb(webUrls: Set<string>): Promise<void>[] {
    const { github } = this.state;
    const ghHosts = this.state.githubWebHosts ?? [githubWebHost(this.config.github.apiUrl)];
    const ghItems: (GitHubItem & { url: string })[] = [];
    const byResource = new Map<string, { urls: string[]; wantBody: boolean }>();
    for (const url of webUrls) {
      const gl = github ? parseGitHubUrl(url, ghHosts) : undefined;
      if (gl) {
        const q = ghQuery(gl);
        ghItems.push({ url, gl, q, key: ghCacheKey(gl, q.wantText) });
        this.githubUrls.push(url);
        this.viaApi.add(url);
        continue;
      }
      if (this.state.pagesNotChecked !== undefined) {
        this.pagesLeft++;
        continue;
      }
      // with its body when some link wants an anchor in it
      const key = stripFragment(url);
      const e = byResource.get(key) ?? { urls: [], wantBody: false };
      e.urls.push(url);
      const f = fragmentOf(url);
      if (f !== '' && !f.startsWith('/') && !f.startsWith('!')) e.wantBody = true;
      byResource.set(key, e);
    }
    const tasks: Promise<void>[] = [];
    if (github && ghItems.length > 0) tasks.push(this.checkGitHub(github, ghItems));
    for (const [key, { urls, wantBody }] of byResource) tasks.push(this.checkPage(key, urls, wantBody));
    return tasks;
  }

  private async checkGitHub(github: GitHubVerdicts, items: (GitHubItem & { url: string })[]): Promise<void> {
    const pending: (GitHubItem & { url: string })[] = [];
    for (const it of items) {
      const cached = this.state.cache.get(it.key, this.state.now(), this.ttl);
      if (cached) this.deliver(verdict(it.url, cached, true));
      else pending.push(it);
    }
    if (pending.length === 0) return;
    const resources = github.lookup(pending, this.token, (a) => this.attempted(a));
    await Promise.all(resources.map((p, i) => p.then((resource) => this.take([pending[i]!.url], pending[i]!.key, resource))));
  }

  private async checkPage(key: string, urls: string[], wantBody: boolean): Promise<void> {
    const cacheKey = `http:${key}`;
    const cached = this.state.cache.get(cacheKey, this.state.now(), this.ttl);
    if (cached && (!wantBody || cached.anchors !== undefined || cached.problems.length > 0 || cached.networkFailure !== undefined)) {
      for (const url of urls) this.deliver(verdict(url, cached, true));
      return;
    }
    // a host's pages are bounded per document (counted here, before the first await: in order)
    const host = hostOf(key);
    const asked = this.perHost.get(host) ?? 0;
    if (asked >= MAX_PAGES_PER_HOST) {
      this.overHost.links += urls.length;
      this.overHost.hosts.add(host);
      return;
    }
    this.perHost.set(host, asked + 1);
    const resource = await this.state.pages.run(`${key}|${wantBody}`, () => this.state.web.fetch(key, wantBody, this));
    throwIfCancelled(this.token);
    if (resource === 'blocked') {
      this.state.log.debug(`links: ${key} is on a private or local address; not checked`);
      // said on the link, so the reviewer knows why it has no verdict
      for (const url of urls) this.deliver({ url, problems: [{ code: Code.linkNotChecked, message: `Not checked: ${hostOf(key)} is a private or local address (diligence.links.allowPrivateHosts allows it).` }], fromCache: false });
      return;
    }
    this.take(urls, cacheKey, resource);
  }

  /**
   * Offline: nothing answered and the failures are spread over hosts (or DNS itself is down, or
   * the GitHub API, which answers for every GitHub link, could not be reached): one finding for
   * the document rather than one per link. Otherwise the held-back failures are delivered.
   */
  private offline(): NotChecked | undefined {
    const attempts = this.attempts;
    const failedHosts = new Set(attempts.filter((a) => !a.answered).map((a) => a.host));
    const offline =
      attempts.length > 0 &&
      attempts.every((a) => !a.answered && a.failure !== 'blocked-address') &&
      (failedHosts.size >= 2 || attempts.some((a) => a.failure === 'dns-temporary') || failedHosts.has(GITHUB_API_HOST));
    if (offline) {
      const hosts = [...failedHosts].map((h) => (h === GITHUB_API_HOST ? apiOrigin(this.config) : h)).sort().slice(0, 3).join(', ');
      for (const d of this.deferred) for (const url of d.urls) this.results.delete(url);
      return { reason: 'offline', message: `Links were not checked: no host could be reached (offline?): ${hosts}${failedHosts.size > 3 ? ', …' : ''}.` };
    }
    for (const d of this.deferred) {
      this.state.cache.set(d.key, d.resource, Math.min(this.ttl, FAILURE_TTL_MS));
      for (const url of d.urls) this.deliver(verdict(url, d.resource, false));
    }
    return undefined;
  }

  /** Web pages the host cannot request: one finding for the document, never one per link. */
  private pagesNotChecked(): NotChecked | undefined {
    const n = this.pagesLeft;
    if (n === 0 || this.state.pagesNotChecked === undefined) return undefined;
    return { reason: 'browser', message: `${n} web link${n === 1 ? ' was' : 's were'} not checked: ${this.state.pagesNotChecked}` };
  }

  /** Links a rate limit kept from being checked: one finding for the document. */
  private rateLimited(): NotChecked | undefined {
    const limited = [...this.results.values()].map((r) => r.notChecked).filter((n): n is NotChecked => n?.reason === 'rate-limited');
    if (limited.length === 0) return undefined;
    const resetAt = Math.max(...limited.map((n) => n.resetAt ?? 0));
    return {
      reason: 'rate-limited',
      resetAt,
      message: `${limited.length} link${limited.length === 1 ? ' was' : 's were'} not checked: rate limit reached, resets at ${formatReset(resetAt)}.`,
      github: this.githubUrls.some((url) => this.results.get(url)?.notChecked?.reason === 'rate-limited'),
    };
  }
}

/** The run's links-not-checked, with the links beyond the per-host bound said too. */
function withTooManyOnHost(notChecked: NotChecked | undefined, over: { links: number; hosts: Set<string> }): NotChecked | undefined {
  if (over.links === 0) return notChecked;
  const hosts = [...over.hosts].sort();
  const n = `${over.links.toLocaleString('en-US')} link${over.links === 1 ? ' was' : 's were'} not checked: a document's first ${MAX_PAGES_PER_HOST} pages on one host are checked, no more (${hosts.slice(0, 3).join(', ')}${hosts.length > 3 ? ', …' : ''}).`;
  return notChecked ? { ...notChecked, message: `${notChecked.message} ${n}` } : { reason: 'too-many', message: n };
}

/** The run's links-not-checked, with the links beyond the per-document bound said too. */
function withTooMany(notChecked: NotChecked | undefined, skipped: number): NotChecked | undefined {
  if (skipped === 0) return notChecked;
  const n = `${skipped.toLocaleString('en-US')} link${skipped === 1 ? ' was' : 's were'} not checked: a document's first ${MAX_LINKS_PER_DOCUMENT.toLocaleString('en-US')} links are checked, no more.`;
  return notChecked ? { ...notChecked, message: `${notChecked.message} ${n}` } : { reason: 'too-many', message: n };
}
