/**
 * How web pages are asked for, per host: at most so many requests in flight, nothing to a host
 * that rate-limited us until it says it is ready, a short wait and one retry on a reset or a 5xx,
 * HEAD first, redirects followed hop by hop with each target vetted. The state here (limits,
 * blocked-until) outlives one check: a host that asked us to wait is left alone by the next one.
 */
import type { DiligenceConfig } from '../config';
import { throwIfCancelled, type CancellationToken, type Logger } from '../host';
import { isBlockedHostname } from './ipRanges';
import { Limiter } from './limiter';
import { htmlAnchors, markdownAnchors } from './slug';
import { formatReset } from './linkVerdict';
import type { HttpClient, HttpFailure, HttpRequest, HttpResponse, LinkProblem, NetErrorKind, ResourceResult } from './types';
import { Code } from '../codes';

const MAX_REDIRECTS = 5;
const MAX_BODY = 5 * 1024 * 1024;
export const DEFAULT_RATE_LIMIT_MS = 60_000;

/** One request of a check, for telling "offline" from "some hosts are down". */
export interface Attempt {
  /** a host answered (any HTTP status) */
  answered: boolean;
  failure?: NetErrorKind;
  host: string;
}

/** What a request needs to know of the check it is made for. */
export interface Asker {
  readonly config: DiligenceConfig;
  readonly token: CancellationToken;
  attempted(attempt: Attempt): void;
}

export interface HttpPolicyOptions {
  http: HttpClient;
  now: () => number;
  log: Logger;
  sleep: (ms: number, token: CancellationToken) => Promise<void>;
  /** longest Retry-After / rate-limit reset honoured before giving up on a host (ms) */
  maxRetryWaitMs: number;
  /** wait before retrying a 5xx answer or a reset connection (ms) */
  retryDelayMs: number;
  userAgent: string;
}

type Sent = HttpResponse | HttpFailure | { ok: false; kind: 'rate-limited'; until: number };

export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
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

function privateRedirect(checkedAt: number, u: URL): ResourceResult {
  return { checkedAt, problems: [{ code: Code.linkUnreachable, message: `Redirects to a private or local address (${u.host}), which is not followed.` }] };
}

export class HttpPolicy {
  /** host → ms until which it is not asked anything (rate limited) */
  private readonly blocked = new Map<string, number>();
  private limiter: Limiter | undefined;
  private limits = '';
  /** host name → when a lookup first said it does not exist (not yet confirmed) */
  private readonly nameFailures = new Map<string, number>();

  constructor(private readonly o: HttpPolicyOptions) {}

  /** When the host (or the GitHub API, under its own name) may be asked again; undefined when it may now. */
  blockedUntil(host: string): number | undefined {
    const until = this.blocked.get(host);
    return until !== undefined && until > this.o.now() ? until : undefined;
  }

  block(host: string, until: number): void {
    this.blocked.set(host, until);
  }

  private limiterFor(config: DiligenceConfig): Limiter {
    const key = `${config.links.concurrency}/${config.links.totalConcurrency}`;
    if (!this.limiter || key !== this.limits) {
      this.limiter = new Limiter(config.links.concurrency, config.links.totalConcurrency);
      this.limits = key;
    }
    return this.limiter;
  }

  /** A rate limit too long to wait for blocks the host before the slot is released, so nothing queued slips through. */
  private async requestAndNoteLimits(req: HttpRequest, token: CancellationToken): Promise<HttpResponse | HttpFailure> {
    const res = await this.o.http.request(req, token);
    if (res.ok && isRateLimited(res)) {
      const wait = retryWaitMs(res.headers, this.o.now());
      if (wait === undefined || wait > this.o.maxRetryWaitMs) this.blocked.set(hostOf(req.url), this.o.now() + (wait ?? DEFAULT_RATE_LIMIT_MS));
    }
    return res;
  }

  private async send(url: string, method: 'HEAD' | 'GET', wantBody: boolean, run: Asker): Promise<Sent> {
    const host = hostOf(url);
    const { config, token } = run;
    const res = await this.limiterFor(config).run<Sent>(host, () => {
      // Looked at once a slot is free: a rate limit met meanwhile stops the requests queued for the host.
      const blocked = this.blocked.get(host);
      if (blocked !== undefined && blocked > this.o.now()) return Promise.resolve({ ok: false as const, kind: 'rate-limited' as const, until: blocked });
      return this.requestAndNoteLimits(
        {
          url,
          method,
          headers: { 'user-agent': this.o.userAgent, accept: wantBody ? 'text/html,application/xhtml+xml,text/markdown;q=0.9,*/*;q=0.8' : '*/*', 'accept-encoding': 'gzip, deflate' },
          timeoutMs: config.links.timeout,
          maxBodyBytes: MAX_BODY,
          wantBody: wantBody && method === 'GET',
          allowPrivateHosts: config.links.allowPrivateHosts,
        },
        token,
      );
    });
    throwIfCancelled(token);
    if (res.ok || res.kind !== 'rate-limited') run.attempted(res.ok ? { answered: true, host } : { answered: false, failure: res.kind, host });
    return res;
  }

  /** One hop: HEAD (GET when HEAD is refused or the body is wanted), retries, rate-limit waits. */
  private async hop(url: string, wantBody: boolean, run: Asker): Promise<Sent> {
    const host = hostOf(url);
    const now = this.o.now;
    let method: 'HEAD' | 'GET' = wantBody ? 'GET' : 'HEAD';
    let waited = false;
    let retried = false;
    for (;;) {
      const blocked = this.blocked.get(host);
      if (blocked !== undefined) {
        if (blocked > now()) return { ok: false, kind: 'rate-limited', until: blocked };
        this.blocked.delete(host);
      }
      const res = await this.send(url, method, wantBody, run);
      if (!res.ok) {
        if (res.kind === 'reset' && !retried) {
          retried = true;
          await this.o.sleep(this.o.retryDelayMs, run.token);
          continue;
        }
        return res;
      }
      if (isRateLimited(res)) {
        const wait = retryWaitMs(res.headers, now());
        if (!waited && wait !== undefined && wait <= this.o.maxRetryWaitMs) {
          waited = true;
          this.o.log.debug(`links: ${host} asks to wait ${wait} ms`);
          await this.o.sleep(wait, run.token);
          continue;
        }
        // Never hammer: nothing more goes to this host until it says it is ready.
        const until = this.blocked.get(host) ?? now() + (wait ?? DEFAULT_RATE_LIMIT_MS);
        this.blocked.set(host, until);
        this.o.log.info(`links: ${host} rate-limits us until ${formatReset(until)}`);
        return { ok: false, kind: 'rate-limited', until };
      }
      if (method === 'HEAD' && (res.status === 405 || res.status === 403 || res.status === 501 || res.status === 400)) {
        method = 'GET';
        continue;
      }
      if (res.status >= 500 && !retried) {
        retried = true;
        await this.o.sleep(this.o.retryDelayMs, run.token);
        continue;
      }
      return res;
    }
  }

  /**
   * "No such host name": a captive portal or a DNS filter answers so for real hosts, so one answer
   * makes the link unreachable (held back, cached briefly); a later lookup that says the same
   * confirms it, and the link is broken.
   */
  private nameNotFound(u: URL, checkedAt: number, res: HttpFailure): ResourceResult {
    const first = this.nameFailures.get(u.hostname);
    if (first !== undefined && checkedAt - first >= NAME_CONFIRM_AFTER_MS) {
      this.nameFailures.delete(u.hostname);
      return { checkedAt, problems: [{ code: Code.linkBroken, message: `${u.hostname}: ${describeFailure(res)} (confirmed by a second lookup).` }] };
    }
    if (first === undefined) this.nameFailures.set(u.hostname, checkedAt);
    return {
      checkedAt,
      problems: [{ code: Code.linkUnreachable, message: `${u.hostname}: the host name could not be found; not taken as broken yet (a captive portal or DNS filter answers so too): asked again in a few minutes.` }],
      networkFailure: res.kind,
    };
  }

  /**
   * What is known of a page, redirects followed; 'blocked' when the URL itself is on a private or
   * local address (not checked at all).
   */
  async fetch(url: string, wantBody: boolean, run: Asker): Promise<ResourceResult | 'blocked'> {
    const checkedAt = this.o.now();
    let current = url;
    let permanentUntil: string | undefined;
    let onlyPermanent = true;
    for (let hops = 0; ; hops++) {
      let u: URL;
      try {
        u = new URL(current);
      } catch {
        return { checkedAt, problems: [{ code: Code.linkBroken, message: `Redirected to an invalid URL: ${current}` }] };
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return { checkedAt, problems: [] };
      if (!run.config.links.allowPrivateHosts && isBlockedHostname(u.hostname)) return hops === 0 ? 'blocked' : privateRedirect(checkedAt, u);
      const res = await this.hop(u.href, wantBody, run);
      if (!res.ok) {
        if (res.kind === 'rate-limited') return { checkedAt, problems: [], rateLimitedUntil: res.until };
        if (res.kind === 'blocked-address') return hops === 0 ? 'blocked' : privateRedirect(checkedAt, u);
        if (res.kind === 'dns-notfound') return this.nameNotFound(u, checkedAt, res);
        return { checkedAt, problems: [{ code: Code.linkUnreachable, message: `${u.host}: ${describeFailure(res)}.` }], networkFailure: res.kind };
      }
      this.nameFailures.delete(u.hostname);
      const location = res.headers['location'];
      if (res.status >= 300 && res.status < 400 && location !== undefined) {
        if (hops >= MAX_REDIRECTS) return { checkedAt, problems: [{ code: Code.linkBroken, message: `More than ${MAX_REDIRECTS} redirects (a redirect loop?).` }] };
        let next: string;
        try {
          next = new URL(location, u).href;
        } catch {
          return { checkedAt, problems: [{ code: Code.linkBroken, message: `Redirects to an invalid URL: ${location}` }] };
        }
        const permanent = res.status === 301 || res.status === 308;
        if (permanent && onlyPermanent) permanentUntil = next;
        else onlyPermanent = false;
        current = next;
        continue;
      }
      return landed({ url, current, u, res, hops, permanentUntil, wantBody, checkedAt });
    }
  }
}

/** A second lookup confirms "no such name" only this long after the first (not the same moment's answer). */
const NAME_CONFIRM_AFTER_MS = 60_000;

/** The answer at the end of the redirects: status, the permanent redirect, the page's anchors. */
function landed(at: { url: string; current: string; u: URL; res: HttpResponse; hops: number; permanentUntil: string | undefined; wantBody: boolean; checkedAt: number }): ResourceResult {
  const { url, current, u, res, hops, permanentUntil, wantBody, checkedAt } = at;
  const problems: LinkProblem[] = [];
  if (res.status === 404 || res.status === 410) {
    problems.push({ code: Code.linkBroken, message: `${res.status === 404 ? '404 Not Found' : '410 Gone'}${current !== url ? ` (after redirects, at ${current})` : ''}.` });
  } else if (res.status >= 500) {
    return { checkedAt, problems: [{ code: Code.linkUnreachable, message: `${u.host} answered ${res.status}.` }], networkFailure: 'other' };
  }
  if (permanentUntil !== undefined && problems.length === 0) {
    problems.push({ code: Code.linkRedirected, message: `Permanently redirected to ${permanentUntil}.`, replacement: permanentUntil, replacementTitle: 'Use the new URL' });
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
