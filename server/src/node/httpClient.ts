/**
 * HttpClient over node:http/https. The address guard runs inside the socket's own DNS lookup,
 * so the address checked is the address connected to (no window for DNS rebinding between a
 * check and the connect). Bodies are read only when asked, decompressed incrementally and cut at
 * the cap, so neither a huge page nor a gzip bomb can fill memory.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import type { CancellationToken } from '../service/host';
import { abortSignalOf } from '../web/cancellation';
import { type ProxyConfig, ProxyAgents, proxiedRequestOptions, proxyFor } from './proxy';
import { isBlockedAddress } from '../service/links/ipRanges';
import type { HttpClient, HttpFailure, HttpRequest, HttpResponse, NetErrorKind } from '../service/links/types';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface NodeHttpClientOptions {
  /** name → addresses; defaults to the system resolver (tests map public-looking names to 127.0.0.1) */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** an HTTP proxy (./proxy.ts): requests go through it unless NO_PROXY says otherwise */
  proxy?: ProxyConfig;
  /** certificate authorities trusted for https besides Node's own (a TLS-inspecting proxy's; tests) */
  ca?: string | Buffer;
}

export interface NodeHttpClient extends HttpClient {
  /** closes idle kept-alive sockets */
  close(): void;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

class BlockedAddressError extends Error {
  readonly code = 'EBLOCKED';
}

function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  return dns.promises.lookup(hostname, { all: true });
}

function makeLookup(resolve: (h: string) => Promise<ResolvedAddress[]>, guard: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (found) => {
        // Every address is vetted, not only the one picked: happy-eyeballs may try any of them.
        const bad = guard ? found.find((a) => isBlockedAddress(a.address)) : undefined;
        if (bad) return callback(new BlockedAddressError(`${hostname} resolves to ${bad.address}, a private or local address`), '');
        const usable = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        const first = usable[0];
        if (!first) {
          const e: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          e.code = 'ENOTFOUND';
          return callback(e, '');
        }
        if (options.all) return callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
        return callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}

function classifyError(err: NodeJS.ErrnoException): NetErrorKind {
  const code = err.code ?? '';
  if (code === 'EBLOCKED') return 'blocked-address';
  if (code === 'ENOTFOUND' || code === 'ENODATA') return 'dns-notfound';
  if (code === 'EAI_AGAIN' || code === 'ESERVFAIL' || code === 'ETIMEOUT' || code === 'ECONNREFUSED_DNS') return 'dns-temporary';
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(err.message)) return 'reset';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) return 'tls';
  return 'other';
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Kept-alive agents whose DNS lookup vets every address (guard) or none (private hosts allowed). */
function keptAliveAgents(resolve: (h: string) => Promise<ResolvedAddress[]>, guard: boolean, ca: string | Buffer | undefined): { http: http.Agent; https: https.Agent } {
  return {
    http: new http.Agent({ keepAlive: true, lookup: makeLookup(resolve, guard) } as http.AgentOptions),
    https: new https.Agent({ keepAlive: true, lookup: makeLookup(resolve, guard), ...(ca ? { ca: [...tls.rootCertificates, ca] } : {}) } as https.AgentOptions),
  };
}

/** The URL to request, without userinfo, its scheme and numeric host vetted; or why not. */
function targetOf(req: HttpRequest): { u: URL; secure: boolean } | HttpFailure {
  let u: URL;
  try {
    u = new URL(req.url);
  } catch {
    return { ok: false, kind: 'other', message: `invalid URL ${req.url}` };
  }
  // Userinfo in a link (`https://user:pass@host/`) would go out as Basic auth: never send it.
  u.username = '';
  u.password = '';
  const secure = u.protocol === 'https:';
  if (!secure && u.protocol !== 'http:') return { ok: false, kind: 'other', message: `unsupported scheme ${u.protocol}` };
  // Numeric hosts never reach the lookup (nor a proxy's): they are vetted here.
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!req.allowPrivateHosts && net.isIP(host) !== 0 && isBlockedAddress(host)) {
    return { ok: false, kind: 'blocked-address', message: `${host} is a private or local address` };
  }
  return { u, secure };
}

/**
 * Through a proxy the proxy resolves the name, so the guard inside our lookup never runs: a name
 * this machine resolves to a private or local address is refused here, before the proxy is asked.
 * A name that does not resolve here is left to the proxy (docs/security.md says so).
 */
async function vetNameForProxy(req: HttpRequest, proxy: ProxyConfig | undefined, resolve: (h: string) => Promise<ResolvedAddress[]>): Promise<HttpFailure | undefined> {
  if (!proxy || req.allowPrivateHosts) return undefined;
  let u: URL;
  try {
    u = new URL(req.url);
  } catch {
    return undefined;
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) !== 0 || !proxyFor(u, proxy)) return undefined;
  const found = await resolve(host).catch(() => [] as ResolvedAddress[]);
  const bad = found.find((a) => isBlockedAddress(a.address));
  return bad ? { ok: false, kind: 'blocked-address', message: `${host} resolves to ${bad.address} here, a private or local address` } : undefined;
}

export function createNodeHttpClient(options: NodeHttpClientOptions = {}): NodeHttpClient {
  const resolve = options.resolve ?? systemResolve;
  const agents = { guarded: keptAliveAgents(resolve, true, options.ca), open: keptAliveAgents(resolve, false, options.ca) };
  const proxyAgents = options.proxy ? new ProxyAgents(options.proxy, options.ca ? { ca: [...tls.rootCertificates, options.ca] } : {}) : undefined;

  async function request(req: HttpRequest, token: CancellationToken): Promise<HttpResponse | HttpFailure> {
    return (await vetNameForProxy(req, options.proxy, resolve)) ?? send(req, token);
  }

  function send(req: HttpRequest, token: CancellationToken): Promise<HttpResponse | HttpFailure> {
    return new Promise((done) => {
      const target = targetOf(req);
      if ('ok' in target) return done(target);
      const { u, secure } = target;
      const headers = { ...req.headers };
      // Credentials belong to the GitHub client only; a plain link check never carries them.
      for (const k of Object.keys(headers)) if (k.toLowerCase() === 'authorization' || k.toLowerCase() === 'cookie') delete headers[k];
      const set = req.allowPrivateHosts ? agents.open : agents.guarded;

      let finished = false;
      let status: number | undefined;
      let resHeaders: Record<string, string> = {};
      const chunks: Buffer[] = [];
      let size = 0;
      let body: Readable | undefined;
      const finish = (r: HttpResponse | HttpFailure): void => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        cancellation.dispose();
        done(r);
      };
      const partial = (): HttpResponse => ({ ok: true, status: status ?? 0, headers: resHeaders, body: Buffer.concat(chunks).toString('utf8'), truncated: true });

      const proxy = proxyAgents ? proxyFor(u, proxyAgents.config) : undefined;
      const route = proxy && proxyAgents ? proxiedRequestOptions(u, proxy, proxyAgents, headers) : { url: u, options: { headers, agent: secure ? set.https : set.http }, secure };
      const r = (route.secure ? https : http).request(route.url, { ...route.options, method: req.method }, (res) => {
        status = res.statusCode ?? 0;
        resHeaders = flatHeaders(res.headers);
        if (req.method === 'HEAD') {
          res.resume();
          return finish({ ok: true, status, headers: resHeaders });
        }
        if (!req.wantBody) {
          // Not worth downloading: drop the connection rather than drain an unknown body.
          res.destroy();
          return finish({ ok: true, status, headers: resHeaders });
        }
        const enc = (resHeaders['content-encoding'] ?? '').trim().toLowerCase();
        let stream: Readable = res;
        if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(zlib.createGunzip());
        else if (enc === 'deflate') stream = res.pipe(zlib.createInflate());
        else if (enc === 'br') stream = res.pipe(zlib.createBrotliDecompress());
        body = stream;
        stream.on('data', (chunk: Buffer) => {
          if (finished) return;
          const room = req.maxBodyBytes - size;
          if (chunk.length >= room) {
            chunks.push(chunk.subarray(0, Math.max(0, room)));
            size = req.maxBodyBytes;
            res.destroy();
            stream.destroy();
            return finish(partial());
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        stream.on('end', () => finish({ ok: true, status: status ?? 0, headers: resHeaders, body: Buffer.concat(chunks).toString('utf8') }));
        // The status is known: the page exists even if its body breaks off (or does not decompress).
        stream.on('error', () => finish(partial()));
        if (stream !== res) res.on('error', () => finish(partial()));
      });
      r.on('error', (err: NodeJS.ErrnoException) => {
        if (status !== undefined) return finish(partial());
        finish({ ok: false, kind: classifyError(err), message: err.message });
      });
      const stop = (): void => {
        body?.destroy();
        r.destroy();
      };
      const timer = setTimeout(() => {
        stop();
        finish(status !== undefined ? partial() : { ok: false, kind: 'timeout', message: `no answer in ${req.timeoutMs} ms` });
      }, req.timeoutMs);
      const cancellation = abortSignalOf(token);
      const onAbort = (): void => {
        stop();
        finish({ ok: false, kind: 'other', message: 'cancelled' });
      };
      cancellation.signal.addEventListener('abort', onAbort, { once: true });
      r.end(req.method === 'POST' && req.body !== undefined ? req.body : undefined);
      if (cancellation.signal.aborted) onAbort();
    });
  }

  return {
    request,
    close() {
      for (const a of [agents.guarded.http, agents.guarded.https, agents.open.http, agents.open.https]) a.destroy();
      proxyAgents?.destroy();
    },
  };
}
