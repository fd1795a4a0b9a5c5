/**
 * Checks the links of a document: web pages over HTTP (hop by hop, each target vetted), GitHub
 * objects through the GitHub API (batched), relative links against the workspace. Results go to
 * `onResult` as they arrive so the host can publish local diagnostics first; the returned report is
 * the final word (network failures are only delivered at the end, once it is known whether the
 * machine is simply offline).
 */
import type { DiligenceConfig } from '../config';
import { CancelledError, systemClock, silentLogger, throwIfCancelled, type CancellationToken, type Clock, type FileSystem, type Logger } from '../host';
import type { Link } from '../model/types';
import { LinkCache } from './cache';
import { closest, closestPath } from './closest';
import { githubWebHost, parseGitHubUrl, parseLineAnchor, pinUrl, SHA_RE, type GitHubLink, type GitHubObject } from './githubUrl';
import { isBlockedHostname } from './ipRanges';
import { InFlight, Limiter } from './limiter';
import { hasAnchor, htmlAnchors, markdownAnchors } from './slug';
import type { GitHubAnswer, GitHubApi, GitHubQuery, HttpClient, HttpFailure, HttpResponse, LinkProblem, LinkResult, NetErrorKind, NotChecked, ResourceResult } from './types';

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
}

export interface CheckOptions {
  /** the document's URI, against which relative links are resolved */
  documentUri: string;
  config: DiligenceConfig;
  /** false in an untrusted workspace: nothing goes over the network, one links-not-checked finding */
  allowNetwork?: boolean;
  /** called once per distinct URL as soon as its verdict is known */
  onResult?: (result: LinkResult) => void;
  /**
   * Folders (file URIs) inside which relative links are checked: the workspace folders. Without
   * them, the document's own folder (and the host adds the document's repository).
   */
  roots?: readonly string[];
}

export interface LinkReport {
  /** by URL as written in the document */
  results: Map<string, LinkResult>;
  /** set when some links could not be checked at all: one finding for the document */
  notChecked?: NotChecked;
}

export interface LinkChecker {
  readonly cache: LinkCache;
  check(links: readonly Link[], options: CheckOptions, token: CancellationToken): Promise<LinkReport>;
}

const MAX_REDIRECTS = 5;
/** the name the GitHub API's attempts are recorded under */
const GITHUB_API_HOST = 'github-api';

function apiOrigin(config: DiligenceConfig): string {
  try {
    return new URL(config.github.apiUrl).host;
  } catch {
    return 'the GitHub API';
  }
}
const MAX_BODY = 5 * 1024 * 1024;
/** bytes of a relative link's target read for its headings */
const MAX_RELATIVE_BYTES = 5 * 1024 * 1024;
/** transient failures are remembered briefly: long enough not to hammer, short enough to recover */
const FAILURE_TTL_MS = 5 * 60_000;
const DEFAULT_RATE_LIMIT_MS = 60_000;

/** The links a document's checks are about: evidence and references, not the template's own links. */
export function linksToCheck(links: readonly Link[]): Link[] {
  return links.filter((l) => !l.inTitle && l.syntax !== 'reference' && l.url !== '');
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

function stripFragment(url: string): string {
  const i = url.indexOf('#');
  return i >= 0 ? url.slice(0, i) : url;
}

function fragmentOf(url: string): string {
  const i = url.indexOf('#');
  if (i < 0) return '';
  const f = url.slice(i + 1);
  try {
    return decodeURIComponent(f);
  } catch {
    return f;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

function defaultSleep(ms: number, token: CancellationToken): Promise<void> {
  return new Promise((resolve, reject) => {
    const end = Date.now() + ms;
    const tick = (): void => {
      if (token.isCancellationRequested) return reject(new CancelledError());
      const left = end - Date.now();
      if (left <= 0) return resolve();
      setTimeout(tick, Math.min(left, 100));
    };
    tick();
  });
}

/** Retry-After (seconds or an HTTP date) or x-ratelimit-reset (epoch seconds) → ms to wait. */
export function retryWaitMs(headers: Record<string, string>, now: number): number | undefined {
  const ra = headers['retry-after'];
  if (ra !== undefined) {
    if (/^\d+$/.test(ra.trim())) return Number(ra.trim()) * 1000;
    const t = Date.parse(ra);
    if (!Number.isNaN(t)) return Math.max(0, t - now);
  }
  const reset = headers['x-ratelimit-reset'];
  if (reset !== undefined && /^\d+$/.test(reset.trim())) return Math.max(0, Number(reset.trim()) * 1000 - now);
  return undefined;
}

function isRateLimited(r: HttpResponse): boolean {
  return r.status === 429 || (r.status === 403 && r.headers['x-ratelimit-remaining'] === '0');
}

function describeFailure(f: HttpFailure): string {
  switch (f.kind) {
    case 'dns-notfound':
      return 'the host name does not exist';
    case 'dns-temporary':
      return 'the host name could not be resolved';
    case 'refused':
      return 'the connection was refused';
    case 'reset':
      return 'the connection was reset';
    case 'timeout':
      return 'no answer in time';
    case 'tls':
      return `TLS error (${f.message})`;
    default:
      return f.message;
  }
}

function formatReset(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

interface Attempt {
  /** a host answered (any HTTP status) */
  answered: boolean;
  failure?: NetErrorKind;
  host: string;
}

export function createLinkChecker(deps: LinkCheckerDeps): LinkChecker {
  const cache = deps.cache ?? new LinkCache();
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? silentLogger;
  const sleep = deps.sleep ?? defaultSleep;
  const maxRetryWait = deps.maxRetryWaitMs ?? 10_000;
  const retryDelay = deps.retryDelayMs ?? 1_000;
  const userAgent = deps.userAgent ?? 'diligence-link-checker (+https://github.com/diligence-tools/diligence)';
  const inflight = new InFlight<ResourceResult | 'blocked'>();
  const ghInflight = new Map<string, Promise<ResourceResult>>();
  /** host → ms until which it is not asked anything (rate limited); survives between checks */
  const hostBlockedUntil = new Map<string, number>();
  let limiter: Limiter | undefined;
  let limits = '';

  const now = (): number => clock.now().getTime();

  function limiterFor(config: DiligenceConfig): Limiter {
    const key = `${config.links.concurrency}/${config.links.totalConcurrency}`;
    if (!limiter || key !== limits) {
      limiter = new Limiter(config.links.concurrency, config.links.totalConcurrency);
      limits = key;
    }
    return limiter;
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  /** A rate limit too long to wait for blocks the host before the slot is released, so nothing queued slips through. */
  async function requestAndNoteLimits(req: Parameters<HttpClient['request']>[0], token: CancellationToken): Promise<HttpResponse | HttpFailure> {
    const res = await deps.http.request(req, token);
    if (res.ok && isRateLimited(res)) {
      const wait = retryWaitMs(res.headers, now());
      if (wait === undefined || wait > maxRetryWait) {
        hostBlockedUntil.set(hostOf(req.url), now() + (wait ?? DEFAULT_RATE_LIMIT_MS));
      }
    }
    return res;
  }

  type Sent = HttpResponse | HttpFailure | { ok: false; kind: 'rate-limited'; until: number };

  async function send(url: string, method: 'HEAD' | 'GET', wantBody: boolean, config: DiligenceConfig, attempts: Attempt[], token: CancellationToken): Promise<Sent> {
    const host = hostOf(url);
    const res = await limiterFor(config).run<Sent>(host, () => {
      // Looked at once a slot is free: a rate limit met meanwhile stops the requests queued for the host.
      const blocked = hostBlockedUntil.get(host);
      if (blocked !== undefined && blocked > now()) return Promise.resolve({ ok: false as const, kind: 'rate-limited' as const, until: blocked });
      return requestAndNoteLimits(
        {
          url,
          method,
          headers: { 'user-agent': userAgent, accept: wantBody ? 'text/html,application/xhtml+xml,text/markdown;q=0.9,*/*;q=0.8' : '*/*', 'accept-encoding': 'gzip, deflate' },
          timeoutMs: config.links.timeout,
          maxBodyBytes: MAX_BODY,
          wantBody: wantBody && method === 'GET',
          allowPrivateHosts: config.links.allowPrivateHosts,
        },
        token,
      );
    });
    throwIfCancelled(token);
    if (res.ok || res.kind !== 'rate-limited') attempts.push(res.ok ? { answered: true, host } : { answered: false, failure: res.kind, host });
    return res;
  }

  type HopOutcome = Sent;

  /** One hop: HEAD (GET when HEAD is refused or the body is wanted), retries, rate-limit waits. */
  async function hop(url: string, wantBody: boolean, config: DiligenceConfig, attempts: Attempt[], token: CancellationToken): Promise<HopOutcome> {
    const host = hostOf(url);
    let method: 'HEAD' | 'GET' = wantBody ? 'GET' : 'HEAD';
    let waited = false;
    let retried = false;
    for (;;) {
      const blocked = hostBlockedUntil.get(host);
      if (blocked !== undefined) {
        if (blocked > now()) return { ok: false, kind: 'rate-limited', until: blocked };
        hostBlockedUntil.delete(host);
      }
      const res = await send(url, method, wantBody, config, attempts, token);
      if (!res.ok) {
        if (res.kind === 'rate-limited') return res;
        if (res.kind === 'reset' && !retried) {
          retried = true;
          await sleep(retryDelay, token);
          continue;
        }
        return res;
      }
      if (isRateLimited(res)) {
        const wait = retryWaitMs(res.headers, now());
        if (!waited && wait !== undefined && wait <= maxRetryWait) {
          waited = true;
          log.debug(`links: ${host} asks to wait ${wait} ms`);
          await sleep(wait, token);
          continue;
        }
        // Never hammer: nothing more goes to this host until it says it is ready.
        const until = hostBlockedUntil.get(host) ?? now() + (wait ?? DEFAULT_RATE_LIMIT_MS);
        hostBlockedUntil.set(host, until);
        log.info(`links: ${host} rate-limits us until ${formatReset(until)}`);
        return { ok: false, kind: 'rate-limited', until };
      }
      if (method === 'HEAD' && (res.status === 405 || res.status === 403 || res.status === 501 || res.status === 400)) {
        method = 'GET';
        continue;
      }
      if (res.status >= 500 && !retried) {
        retried = true;
        await sleep(retryDelay, token);
        continue;
      }
      return res;
    }
  }

  async function fetchResource(url: string, wantBody: boolean, config: DiligenceConfig, attempts: Attempt[], token: CancellationToken): Promise<ResourceResult | 'blocked'> {
    const checkedAt = now();
    let current = url;
    let permanentUntil: string | undefined;
    let onlyPermanent = true;
    for (let hops = 0; ; hops++) {
      let u: URL;
      try {
        u = new URL(current);
      } catch {
        return { checkedAt, problems: [{ code: 'link-broken', message: `Redirected to an invalid URL: ${current}` }] };
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return { checkedAt, problems: [] };
      if (!config.links.allowPrivateHosts && isBlockedHostname(u.hostname)) {
        if (hops === 0) return 'blocked';
        return { checkedAt, problems: [{ code: 'link-unreachable', message: `Redirects to a private or local address (${u.host}), which is not followed.` }] };
      }
      const res = await hop(u.href, wantBody, config, attempts, token);
      if (!res.ok) {
        if (res.kind === 'rate-limited') return { checkedAt, problems: [], rateLimitedUntil: res.until };
        if (res.kind === 'blocked-address') {
          if (hops === 0) return 'blocked';
          return { checkedAt, problems: [{ code: 'link-unreachable', message: `Redirects to a private or local address (${u.host}), which is not followed.` }] };
        }
        if (res.kind === 'dns-notfound') return { checkedAt, problems: [{ code: 'link-broken', message: `${u.hostname}: ${describeFailure(res)}.` }] };
        return { checkedAt, problems: [{ code: 'link-unreachable', message: `${u.host}: ${describeFailure(res)}.` }], networkFailure: res.kind };
      }
      const location = res.headers['location'];
      if (res.status >= 300 && res.status < 400 && location !== undefined) {
        if (hops >= MAX_REDIRECTS) return { checkedAt, problems: [{ code: 'link-broken', message: `More than ${MAX_REDIRECTS} redirects (a redirect loop?).` }] };
        let next: string;
        try {
          next = new URL(location, u).href;
        } catch {
          return { checkedAt, problems: [{ code: 'link-broken', message: `Redirects to an invalid URL: ${location}` }] };
        }
        const permanent = res.status === 301 || res.status === 308;
        if (permanent && onlyPermanent) permanentUntil = next;
        else onlyPermanent = false;
        current = next;
        continue;
      }
      const problems: LinkProblem[] = [];
      if (res.status === 404 || res.status === 410) {
        problems.push({ code: 'link-broken', message: `${res.status === 404 ? '404 Not Found' : '410 Gone'}${current !== url ? ` (after redirects, at ${current})` : ''}.` });
      } else if (res.status >= 500) {
        return { checkedAt, problems: [{ code: 'link-unreachable', message: `${u.host} answered ${res.status}.` }], networkFailure: 'other' };
      }
      if (permanentUntil !== undefined && problems.length === 0) {
        problems.push({ code: 'link-redirected', message: `Permanently redirected to ${permanentUntil}.`, replacement: permanentUntil, replacementTitle: 'Use the new URL' });
      }
      const result: ResourceResult = { checkedAt, problems, summary: `HTTP ${res.status}${hops > 0 ? ` after ${hops} redirect${hops === 1 ? '' : 's'}` : ''}` };
      if (current !== url) result.finalUrl = current;
      if (wantBody && res.body !== undefined && res.status < 300) {
        const type = res.headers['content-type'] ?? '';
        if (/html|xml/i.test(type) || /^\s*</.test(res.body)) result.anchors = htmlAnchors(res.body);
        else if (/markdown/i.test(type) || /\.(md|markdown)$/i.test(u.pathname)) result.anchors = markdownAnchors(res.body);
        result.anchorsComplete = res.truncated !== true;
      }
      return result;
    }
  }

  // ---- per-link verdicts ----------------------------------------------------------------------

  function fragmentProblem(link: string, resource: ResourceResult): LinkProblem | undefined {
    const fragment = fragmentOf(link);
    if (fragment === '' || fragment.startsWith('/') || fragment.startsWith('!')) return undefined;
    const lines = parseLineAnchor(fragment);
    if (lines && resource.lineCount !== undefined) {
      if (lines.from <= resource.lineCount && lines.to <= resource.lineCount && lines.from >= 1) return undefined;
      return { code: 'link-fragment', message: `#${fragment} points past the end of the file (${resource.lineCount} lines).` };
    }
    const anchors = resource.anchors;
    // No anchor at all usually means a page built by scripts: nothing can be said.
    if (!anchors || anchors.length === 0 || hasAnchor(anchors, fragment)) return undefined;
    if (resource.anchorsComplete === false) return undefined;
    const near = closest(fragment, anchors);
    const base = stripFragment(link);
    return near !== undefined
      ? { code: 'link-fragment', message: `No anchor #${fragment} in the target; did you mean #${near}?`, replacement: `${base}#${near}`, replacementTitle: `Change to #${near}` }
      : { code: 'link-fragment', message: `No anchor #${fragment} in the target.` };
  }

  function verdict(url: string, resource: ResourceResult, fromCache: boolean): LinkResult {
    if (resource.rateLimitedUntil !== undefined) {
      return { url, problems: [], fromCache, notChecked: { reason: 'rate-limited', resetAt: resource.rateLimitedUntil, message: `rate limit until ${formatReset(resource.rateLimitedUntil)}` } };
    }
    const problems = [...resource.problems];
    const blocking = problems.some((p) => p.code === 'link-broken' || p.code === 'link-unreachable');
    if (!blocking) {
      const f = fragmentProblem(url, resource);
      if (f) problems.push(f);
      if (resource.pinSha !== undefined) {
        const pinned = pinUrl(url, resource.pinSha, resource.pinRefSegments ?? 1);
        const short = resource.pinSha.slice(0, 7);
        if (pinned !== undefined) problems.push({ code: 'link-unpinned', message: `Links to a branch, whose content changes; pin it to commit ${short}.`, replacement: pinned, replacementTitle: `Pin to commit ${short}` });
      }
    }
    const out: LinkResult = { url, problems, fromCache, checkedAt: resource.checkedAt };
    if (resource.summary !== undefined) out.summary = resource.summary;
    if (resource.finalUrl !== undefined) out.finalUrl = resource.finalUrl;
    return out;
  }

  // ---- GitHub ---------------------------------------------------------------------------------

  function ghQuery(gl: GitHubLink): GitHubQuery {
    const o = gl.object;
    const wantText = gl.fragment !== '' && !(o.kind === 'issue' || o.kind === 'pull' || o.kind === 'discussion' || o.kind === 'commit' || o.kind === 'release');
    return { owner: gl.owner, repo: gl.repo, object: o, wantText };
  }

  function ghCacheKey(gl: GitHubLink, wantText: boolean): string {
    return `gh:${gl.key}${wantText ? '#text' : ''}`;
  }

  async function ghResult(gl: GitHubLink, q: GitHubQuery, a: GitHubAnswer, token: CancellationToken): Promise<ResourceResult> {
    const checkedAt = now();
    const name = `${gl.owner}/${gl.repo}`;
    if (!a.repoExists) return { checkedAt, problems: [{ code: 'link-broken', message: `Repository ${name} does not exist (or is private).` }] };
    const problems: LinkProblem[] = [];
    if (a.archived) problems.push({ code: 'link-archived', message: `Repository ${name} is archived: it is no longer maintained.` });
    const o = gl.object;
    const result: ResourceResult = { checkedAt, problems };
    if (a.found === false) {
      switch (o.kind) {
        case 'path': {
          if (a.refKind === 'unknown' && o.path !== '') {
            // `blob/release/v1.2/docs/x.md`: the ref may be `release/v1.2` (the URL cannot tell).
            const other = await slashRef(gl, q, token);
            if (other) return ghResult(other.gl, other.q, other.a, token);
          }
          if (a.refKind === 'unknown') {
            problems.push({ code: 'link-broken', message: `${name} has no branch, tag or commit "${o.ref}".` });
            break;
          }
          const p: LinkProblem = { code: 'link-broken', message: `${o.path} does not exist in ${name} at ${o.ref}.` };
          const paths = await deps.github?.listPaths(gl.owner, gl.repo, o.ref, token);
          throwIfCancelled(token);
          const near = paths ? closestPath(o.path, paths) : undefined;
          if (near !== undefined) {
            const fixed = replacePath(gl.key, o.ref, o.path, near);
            if (fixed !== undefined) {
              p.message = `${o.path} does not exist in ${name} at ${o.ref}; did you mean ${near}?`;
              p.replacement = fixed;
              p.replacementTitle = `Change to ${near}`;
            }
          }
          problems.push(p);
          break;
        }
        case 'issue':
          problems.push({ code: 'link-broken', message: `Issue #${o.number} does not exist in ${name}.` });
          break;
        case 'pull':
          problems.push({ code: 'link-broken', message: `Pull request #${o.number} does not exist in ${name}.` });
          break;
        case 'discussion':
          problems.push({ code: 'link-broken', message: `Discussion #${o.number} does not exist in ${name}.` });
          break;
        case 'commit':
          problems.push({ code: 'link-broken', message: `Commit ${o.sha} does not exist in ${name}.` });
          break;
        case 'release':
          problems.push({ code: 'link-broken', message: `Release ${o.tag} does not exist in ${name}.` });
          break;
        case 'repo':
          break;
      }
      return result;
    }
    if (o.kind === 'path' && (o.view === 'blob' || o.view === 'tree') && a.refKind === 'branch' && a.headSha !== undefined && !SHA_RE.test(o.ref)) {
      result.pinSha = a.headSha;
      if (o.ref.includes('/')) result.pinRefSegments = o.ref.split('/').length;
    }
    result.summary = ghSummary(name, o, a);
    if (q.wantText && a.text !== undefined) {
      result.lineCount = a.text.split('\n').length - (a.text.endsWith('\n') ? 1 : 0);
      const isMarkdown = o.kind !== 'path' || o.view === 'tree' || /\.(md|markdown|mdown)$/i.test(o.path);
      if (isMarkdown) {
        result.anchors = markdownAnchors(a.text);
        result.anchorsComplete = true;
      }
    }
    return result;
  }

  /**
   * The first other split of `ref/path` whose ref exists (up to 4 more segments in the ref),
   * asked in one batch; undefined when none is a ref.
   */
  async function slashRef(gl: GitHubLink, q: GitHubQuery, token: CancellationToken): Promise<{ gl: GitHubLink; q: GitHubQuery; a: GitHubAnswer } | undefined> {
    const o = gl.object;
    if (o.kind !== 'path' || !deps.github) return undefined;
    const segs = o.path.split('/');
    const alts: { gl: GitHubLink; q: GitHubQuery }[] = [];
    for (let k = 1; k <= Math.min(4, segs.length); k++) {
      const object: GitHubObject = { ...o, ref: [o.ref, ...segs.slice(0, k)].join('/'), path: segs.slice(k).join('/') };
      alts.push({ gl: { ...gl, object }, q: { ...q, object } });
    }
    const outcome = await deps.github.query(alts.map((x) => x.q), token);
    throwIfCancelled(token);
    if (!outcome.ok) return undefined;
    const i = outcome.answers.findIndex((x) => x.repoExists && x.refKind !== undefined && x.refKind !== 'unknown');
    return i >= 0 ? { ...alts[i]!, a: outcome.answers[i]! } : undefined;
  }

  function replacePath(key: string, ref: string, oldPath: string, newPath: string): string | undefined {
    const enc = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
    const suffix = `/${enc(ref)}/${enc(oldPath)}`;
    const alt = `/${ref}/${oldPath}`;
    if (key.endsWith(suffix)) return key.slice(0, -suffix.length) + `/${enc(ref)}/${enc(newPath)}`;
    if (key.endsWith(alt)) return key.slice(0, -alt.length) + `/${ref}/${newPath}`;
    return undefined;
  }

  // ---- the check --------------------------------------------------------------------------------

  async function check(links: readonly Link[], options: CheckOptions, token: CancellationToken): Promise<LinkReport> {
    const { config } = options;
    const results = new Map<string, LinkResult>();
    const report: LinkReport = { results };
    if (!config.links.enabled) return report;
    const ignored = compileIgnore(config.links.ignore);
    const ttl = config.links.cacheTtl * 1000;
    const deliver = (r: LinkResult): void => {
      results.set(r.url, r);
      options.onResult?.(r);
    };
    const ghHosts = deps.githubWebHosts ?? [githubWebHost(config.github.apiUrl)];

    const webUrls = new Set<string>();
    const relUrls = new Set<string>();
    for (const l of links) {
      if (l.url === '' || ignored(l.url)) continue;
      if (l.target === 'web') webUrls.add(l.url);
      else if (l.target === 'relative') relUrls.add(l.url);
    }

    const tasks: Promise<void>[] = [];
    if (deps.files) for (const url of relUrls) tasks.push(checkRelative(url, options, token).then((r) => r && deliver(r)));

    if (webUrls.size > 0 && options.allowNetwork === false) {
      report.notChecked = { reason: 'untrusted', message: 'Links were not checked: the workspace is not trusted, so no network request is made.' };
      await Promise.all(tasks);
      return report;
    }

    const attempts: Attempt[] = [];
    const deferred: { url: string; key: string; resource: ResourceResult }[] = [];

    // GitHub objects, all in one batch.
    const ghLinks: { url: string; gl: GitHubLink; q: GitHubQuery }[] = [];
    const httpUrls: string[] = [];
    for (const url of webUrls) {
      const gl = deps.github ? parseGitHubUrl(url, ghHosts) : undefined;
      if (gl) ghLinks.push({ url, gl, q: ghQuery(gl) });
      else httpUrls.push(url);
    }
    if (ghLinks.length > 0) tasks.push(checkGitHub(ghLinks, ttl, deliver, attempts, deferred, token));

    // Web pages: every distinct resource once, with its body when some link wants an anchor in it.
    const byResource = new Map<string, { urls: string[]; wantBody: boolean }>();
    for (const url of httpUrls) {
      const key = stripFragment(url);
      const e = byResource.get(key) ?? { urls: [], wantBody: false };
      e.urls.push(url);
      const f = fragmentOf(url);
      if (f !== '' && !f.startsWith('/') && !f.startsWith('!')) e.wantBody = true;
      byResource.set(key, e);
    }
    for (const [key, { urls, wantBody }] of byResource) {
      tasks.push(
        (async () => {
          const cacheKey = `http:${key}`;
          const cached = cache.get(cacheKey, now());
          if (cached && (!wantBody || cached.anchors !== undefined || cached.problems.length > 0 || cached.networkFailure !== undefined)) {
            for (const url of urls) deliver(verdict(url, cached, true));
            return;
          }
          const resource = await inflight.run(`${key}|${wantBody}`, () => fetchResource(key, wantBody, config, attempts, token));
          throwIfCancelled(token);
          if (resource === 'blocked') {
            log.debug(`links: ${key} is on a private or local address; not checked`); // and said on the link:
            for (const url of urls) deliver({ url, problems: [{ code: 'link-not-checked', message: `Not checked: ${hostOf(key)} is a private or local address (diligence.links.allowPrivateHosts allows it).` }], fromCache: false });
            return;
          }
          if (resource.networkFailure !== undefined) {
            deferred.push(...urls.map((url) => ({ url, key: cacheKey, resource })));
            return;
          }
          if (resource.rateLimitedUntil === undefined) cache.set(cacheKey, resource, ttl);
          for (const url of urls) deliver(verdict(url, resource, false));
        })(),
      );
    }

    await Promise.all(tasks);
    throwIfCancelled(token);

    // Offline: nothing answered and the failures are spread over hosts (or DNS itself is down,
    // or the GitHub API, which answers for every GitHub link, could not be reached): one finding
    // for the document rather than one per link.
    const failedHosts = new Set(attempts.filter((a) => !a.answered).map((a) => a.host));
    const offline =
      attempts.length > 0 &&
      attempts.every((a) => !a.answered && a.failure !== 'blocked-address') &&
      (failedHosts.size >= 2 || attempts.some((a) => a.failure === 'dns-temporary') || failedHosts.has(GITHUB_API_HOST));
    if (offline) {
      const hosts = [...failedHosts].map((h) => (h === GITHUB_API_HOST ? apiOrigin(config) : h)).sort().slice(0, 3).join(', ');
      report.notChecked = { reason: 'offline', message: `Links were not checked: no host could be reached (offline?): ${hosts}${failedHosts.size > 3 ? ', …' : ''}.` };
      for (const d of deferred) results.delete(d.url);
    } else {
      for (const d of deferred) {
        cache.set(d.key, d.resource, Math.min(ttl, FAILURE_TTL_MS));
        deliver(verdict(d.url, d.resource, false));
      }
    }
    if (!report.notChecked) {
      const limited = [...results.values()].map((r) => r.notChecked).filter((n): n is NotChecked => n?.reason === 'rate-limited');
      if (limited.length > 0) {
        const resetAt = Math.max(...limited.map((n) => n.resetAt ?? 0));
        report.notChecked = {
          reason: 'rate-limited',
          resetAt,
          message: `${limited.length} link${limited.length === 1 ? ' was' : 's were'} not checked: rate limit reached, resets at ${formatReset(resetAt)}.`,
          github: ghLinks.some((g) => results.get(g.url)?.notChecked?.reason === 'rate-limited'),
        };
      }
    }
    return report;
  }

  async function checkGitHub(items: { url: string; gl: GitHubLink; q: GitHubQuery }[], ttl: number, deliver: (r: LinkResult) => void, attempts: Attempt[], deferred: { url: string; key: string; resource: ResourceResult }[], token: CancellationToken): Promise<void> {
    const api = deps.github!;
    const apiHost = GITHUB_API_HOST;
    const pending: { url: string; gl: GitHubLink; q: GitHubQuery; key: string }[] = [];
    const waits: Promise<void>[] = [];
    const toAsk = new Map<string, { gl: GitHubLink; q: GitHubQuery; resolve: (r: ResourceResult) => void; reject: (e: unknown) => void }>();
    for (const it of items) {
      const key = ghCacheKey(it.gl, it.q.wantText);
      const cached = cache.get(key, now());
      if (cached) {
        deliver(verdict(it.url, cached, true));
        continue;
      }
      pending.push({ ...it, key });
    }
    if (pending.length === 0) return;
    const blocked = hostBlockedUntil.get(apiHost);
    if (blocked !== undefined && blocked > now()) {
      for (const p of pending) deliver(verdict(p.url, { checkedAt: now(), problems: [], rateLimitedUntil: blocked }, false));
      return;
    }
    // Share what another document is already asking; ask the rest in one batch.
    for (const p of pending) {
      let promise = ghInflight.get(p.key);
      if (!promise) {
        promise = new Promise<ResourceResult>((resolve, reject) => toAsk.set(p.key, { gl: p.gl, q: p.q, resolve, reject }));
        ghInflight.set(p.key, promise);
        const key = p.key;
        promise.then(
          () => ghInflight.delete(key),
          () => ghInflight.delete(key),
        );
      }
      waits.push(
        promise.then((resource) => {
          // network failures wait for the end: offline is one finding, not one per link
          if (resource.networkFailure !== undefined) {
            deferred.push({ url: p.url, key: p.key, resource });
            return;
          }
          if (resource.rateLimitedUntil === undefined) cache.set(p.key, resource, ttl);
          deliver(verdict(p.url, resource, false));
        }),
      );
    }
    if (toAsk.size > 0) {
      const asked = [...toAsk.values()];
      try {
        const outcome = await api.query(asked.map((a) => a.q), token);
        throwIfCancelled(token);
        if (!outcome.ok) {
          attempts.push({ answered: outcome.kind !== 'network', failure: outcome.kind === 'network' ? 'other' : undefined, host: apiHost });
          if (outcome.kind === 'rate-limited') {
            const until = outcome.resetAt ?? now() + DEFAULT_RATE_LIMIT_MS;
            hostBlockedUntil.set(apiHost, until);
            for (const a of asked) a.resolve({ checkedAt: now(), problems: [], rateLimitedUntil: until });
          } else {
            log.warn(`links: GitHub API: ${outcome.message}`);
            for (const a of asked) a.resolve({ checkedAt: now(), problems: [{ code: 'link-unreachable', message: `GitHub API: ${outcome.message}` }], networkFailure: 'other' });
          }
        } else {
          attempts.push({ answered: true, host: apiHost });
          await Promise.all(
            asked.map(async (a, i) => {
              const answer = outcome.answers[i];
              if (!answer) return a.resolve({ checkedAt: now(), problems: [] });
              a.resolve(await ghResult(a.gl, a.q, answer, token));
            }),
          );
        }
      } catch (e) {
        for (const a of asked) a.reject(e);
      }
    }
    await Promise.all(waits);
  }

  async function checkRelative(url: string, options: CheckOptions, token: CancellationToken): Promise<LinkResult | undefined> {
    // Root-relative links mean the repository root, which the document URI does not tell.
    if (url.startsWith('/') || url.startsWith('#')) return undefined;
    let target: URL;
    try {
      target = new URL(url, options.documentUri);
    } catch {
      return undefined;
    }
    target.hash = '';
    target.search = '';
    const notChecked = (why: string): LinkResult => ({ url, problems: [{ code: 'link-not-checked', message: `${stripFragment(url)}: ${why}, not checked.` }], fromCache: false });
    // `\\host\share\x.md` resolves to file://host/…, which Node would open over SMB
    if (target.protocol === 'file:' && target.host !== '') return notChecked(`on another machine (${target.host})`);
    const uri = target.href;
    const files = deps.files!;
    const fragment = fragmentOf(url);
    const wantText = fragment !== '' && /\.(md|markdown)$/i.test(target.pathname);
    const roots = linkRoots(options);
    const missing: LinkResult = { url, problems: [{ code: 'link-broken', message: `${stripFragment(url)} does not exist in the workspace.` }], fromCache: false };
    if (files.linkTarget) {
      const t = await files.linkTarget(uri, roots, { wantText, maxBytes: MAX_RELATIVE_BYTES });
      throwIfCancelled(token);
      switch (t.kind) {
        case 'outside':
          return notChecked('outside the workspace');
        case 'special':
          return notChecked('not a regular file');
        case 'missing':
          return missing;
        case 'directory':
          return { url, problems: [], fromCache: false };
        case 'file':
          if (!wantText || t.text === undefined) return { url, problems: [], fromCache: false };
          return verdict(url, { checkedAt: now(), problems: [], anchors: markdownAnchors(t.text), anchorsComplete: t.truncated !== true }, false);
      }
    }
    // a host without confinement of its own: the path must at least be under a root
    if (target.protocol === 'file:' && !roots.some((r) => uri.startsWith(r.endsWith('/') ? r : r + '/'))) return notChecked('outside the workspace');
    if (wantText) {
      const text = await files.readFile(uri);
      throwIfCancelled(token);
      if (text === undefined) return missing;
      return verdict(url, { checkedAt: now(), problems: [], anchors: markdownAnchors(text.slice(0, MAX_RELATIVE_BYTES)), anchorsComplete: text.length <= MAX_RELATIVE_BYTES }, false);
    }
    const exists = await files.exists(uri);
    throwIfCancelled(token);
    return exists ? { url, problems: [], fromCache: false } : missing;
  }

  return { cache, check };
}

/** The folders relative links may reach: the given roots, or the document's own folder. */
function linkRoots(options: CheckOptions): string[] {
  const roots = (options.roots ?? []).filter((r) => r.startsWith('file:'));
  if (roots.length > 0) return roots.map((r) => (r.endsWith('/') ? r.slice(0, -1) : r));
  try {
    return [new URL('.', options.documentUri).href.replace(/\/$/, '')];
  } catch {
    return [];
  }
}

function day(iso: string | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '';
}

/** One line on what GitHub said about an object that exists. */
export function ghSummary(name: string, o: GitHubObject, a: GitHubAnswer): string {
  const archived = a.archived ? ' · repository archived' : '';
  switch (o.kind) {
    case 'repo':
      return `Repository ${name}${archived}`;
    case 'path': {
      const what = o.view === 'tree' ? 'Folder' : 'File';
      const where = o.path === '' ? name : `${o.path}`;
      let at: string;
      if (o.ref === '') at = 'the default branch';
      else if (a.refKind === 'branch') at = `${o.ref}@${(a.headSha ?? '').slice(0, 7)} (branch)`;
      else if (a.refKind === 'tag') at = `tag ${o.ref}`;
      else if (SHA_RE.test(o.ref) || a.refKind === 'commit') at = `commit ${o.ref.slice(0, 7)}`;
      else at = o.ref;
      return `${what} ${where} at ${at}${archived}`;
    }
    case 'issue':
    case 'pull': {
      const kind = o.kind === 'pull' || a.mergedAt !== undefined ? 'Pull request' : 'Issue';
      const title = a.title ? ` "${a.title.length > 80 ? a.title.slice(0, 79) + '…' : a.title}"` : '';
      const state =
        a.state === 'MERGED' ? `merged${day(a.mergedAt ?? a.closedAt) ? ` on ${day(a.mergedAt ?? a.closedAt)}` : ''}`
        : a.state === 'CLOSED' ? `closed${day(a.closedAt) ? ` on ${day(a.closedAt)}` : ''}`
        : a.state === 'OPEN' ? 'open'
        : 'state unknown';
      return `${kind} #${o.number}${title} · ${state}${archived}`;
    }
    case 'discussion':
      return `Discussion #${o.number}${archived}`;
    case 'commit':
      return `Commit ${o.sha.slice(0, 7)}${archived}`;
    case 'release':
      return `Release ${o.tag}${archived}`;
  }
}
