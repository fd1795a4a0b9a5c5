/**
 * An HTTP proxy for link checks and the GitHub API, opt-in (`diligence.http.proxy`, CLI
 * `--proxy`): an http:// proxy URL, or 'env' for HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either
 * case) of the process. https goes through a CONNECT tunnel (TLS is end to end: the proxy sees
 * only the host and port), http in absolute form. No dependency: node:net, node:tls, node:http.
 *
 * Credentials in the proxy URL go to the proxy only (`Proxy-Authorization`), never to a target;
 * the GitHub token goes to the API origin only, inside the tunnel for an https API.
 *
 * The private-address guard (node/httpClient.ts) can no longer vet the address connected to: the
 * proxy resolves names. What is still guarded: literal IP hosts, and names this machine resolves
 * (if any address is private or local, the request is refused before the proxy is asked). A name
 * only the proxy can resolve, or that the proxy resolves differently (split DNS, rebinding), is
 * the proxy's to judge.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { Readable } from 'node:stream';

/** one proxy setting resolved against the environment */
export interface ProxyConfig {
  /** for http:// targets */
  http?: URL;
  /** for https:// targets */
  https?: URL;
  /** NO_PROXY entries, lower case: `*`, `host`, `.suffix` / `suffix`, with an optional `:port` */
  noProxy: string[];
}

const envOf = (env: Record<string, string | undefined>, name: string): string | undefined => env[name.toLowerCase()] || env[name] || undefined;

function proxyUrl(s: string | undefined): URL | undefined {
  if (!s) return undefined;
  try {
    // "proxy:3128" as curl reads it
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`);
    return u.protocol === 'http:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The proxy of a setting: '' (or anything unusable) none; 'env' the environment's; else the URL
 * for every target, with the environment's NO_PROXY still honoured.
 */
export function resolveProxy(setting: string | undefined, env: Record<string, string | undefined> = process.env, extraNoProxy: readonly string[] = []): ProxyConfig | undefined {
  const s = setting?.trim() ?? '';
  if (s === '') return undefined;
  const noProxy = [...(envOf(env, 'NO_PROXY') ?? '').split(/[\s,]+/), ...extraNoProxy].map((x) => x.trim().toLowerCase()).filter((x) => x !== '');
  if (s === 'env') {
    const httpProxy = proxyUrl(envOf(env, 'HTTP_PROXY'));
    const httpsProxy = proxyUrl(envOf(env, 'HTTPS_PROXY')) ?? httpProxy;
    if (!httpProxy && !httpsProxy) return undefined;
    return { ...(httpProxy ? { http: httpProxy } : {}), ...(httpsProxy ? { https: httpsProxy } : {}), noProxy };
  }
  const u = proxyUrl(s);
  return u ? { http: u, https: u, noProxy } : undefined;
}

function defaultPort(u: URL): string {
  return u.port || (u.protocol === 'https:' ? '443' : '80');
}

/** Whether NO_PROXY lets `target` go direct. */
export function bypassesProxy(target: URL, noProxy: readonly string[]): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = defaultPort(target);
  return noProxy.some((rule) => {
    if (rule === '*') return true;
    let name = rule;
    let rulePort: string | undefined;
    const colon = rule.lastIndexOf(':');
    // "host:port" (not an IPv6 address, which has more colons)
    if (colon > 0 && rule.indexOf(':') === colon) {
      name = rule.slice(0, colon);
      rulePort = rule.slice(colon + 1);
    }
    name = name.replace(/^\[|\]$/g, '').replace(/^\*?\./, '.');
    if (rulePort !== undefined && rulePort !== port) return false;
    if (name.startsWith('.')) return host.endsWith(name) || host === name.slice(1);
    return host === name || host.endsWith(`.${name}`);
  });
}

/** The proxy for a target URL, or undefined to go direct. */
export function proxyFor(target: URL, config: ProxyConfig | undefined): URL | undefined {
  if (!config) return undefined;
  const proxy = target.protocol === 'https:' ? config.https : target.protocol === 'http:' ? config.http : undefined;
  return proxy && !bypassesProxy(target, config.noProxy) ? proxy : undefined;
}

/** `Proxy-Authorization` for a proxy URL with credentials */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (proxy.username === '' && proxy.password === '') return undefined;
  return `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
}

/** the proxy without its credentials, for messages */
export function proxyLabel(proxy: URL): string {
  return `${proxy.hostname}:${defaultPort(proxy)}`;
}

class ProxyError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/** the time a proxy has to answer a CONNECT (the request's own timeout still applies) */
const CONNECT_TIMEOUT_MS = 30_000;

/** Opens a CONNECT tunnel to host:port through the proxy; the raw socket once the proxy answered 200. */
export function connectTunnel(proxy: URL, host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(defaultPort(proxy)) });
    const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    let head = Buffer.alloc(0);
    const fail = (e: Error): void => {
      socket.destroy();
      reject(e);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => fail(new ProxyError(`the proxy ${proxyLabel(proxy)} did not answer CONNECT ${target}`, 'ETIMEDOUT')));
    socket.once('error', fail);
    socket.once('connect', () => {
      const auth = proxyAuthorization(proxy);
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth ? `Proxy-Authorization: ${auth}\r\n` : ''}\r\n`);
    });
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16_384) fail(new ProxyError(`the proxy ${proxyLabel(proxy)} sent an endless answer to CONNECT`, 'EPROXY'));
        return;
      }
      socket.off('data', onData);
      socket.off('error', fail);
      socket.setTimeout(0);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, Math.min(end, 200)).toString('latin1'));
      if (status?.[1] !== '200') {
        const code = Number(status?.[1] ?? 0);
        // 502/503/504: the proxy could not reach the host (unknown name, refused, down)
        return fail(new ProxyError(`the proxy ${proxyLabel(proxy)} answered ${status?.[1] ?? 'something that is not HTTP'} to CONNECT ${target}`, code >= 502 && code <= 504 ? 'ECONNREFUSED' : 'EPROXY'));
      }
      // bytes after the answer belong to the tunnel (a server that speaks first)
      if (head.length > end + 4) socket.unshift(head.subarray(end + 4));
      resolve(socket);
    };
    socket.on('data', onData);
  });
}

type CreateConnection = (options: tls.ConnectionOptions & { host?: string; port?: number; servername?: string }, callback: (err: Error | null, socket?: net.Socket) => void) => net.Socket | undefined;

/** A kept-alive https agent whose connections are CONNECT tunnels through the proxy, TLS inside. */
export function tunnelAgent(proxy: URL, options: https.AgentOptions = {}): https.Agent {
  const agent = new https.Agent({ keepAlive: true, ...options });
  const create: CreateConnection = (opts, callback) => {
    const host = opts.host ?? 'localhost';
    connectTunnel(proxy, host, opts.port ?? 443).then(
      (raw) => {
        const secure = tls.connect({ ...opts, socket: raw, servername: opts.servername ?? (net.isIP(host) ? undefined : host) } as tls.ConnectionOptions);
        callback(null, secure);
      },
      (e: Error) => callback(e),
    );
    return undefined;
  };
  (agent as unknown as { createConnection: CreateConnection }).createConnection = create;
  return agent;
}

/** Agents for the proxies of a config, made once per proxy URL. */
export class ProxyAgents {
  private readonly tunnels = new Map<string, https.Agent>();
  private readonly plain = new http.Agent({ keepAlive: true });

  constructor(readonly config: ProxyConfig, private readonly tlsOptions: https.AgentOptions = {}) {}

  tunnel(proxy: URL): https.Agent {
    let a = this.tunnels.get(proxy.href);
    if (!a) this.tunnels.set(proxy.href, (a = tunnelAgent(proxy, this.tlsOptions)));
    return a;
  }

  /** for absolute-form requests to an http proxy */
  get http(): http.Agent {
    return this.plain;
  }

  destroy(): void {
    for (const a of this.tunnels.values()) a.destroy();
    this.plain.destroy();
  }
}

/**
 * The options of a node:http(s) request to `u` through `proxy`: a tunnel for https, the proxy
 * itself with the absolute URL as the path for http.
 */
export function proxiedRequestOptions(u: URL, proxy: URL, agents: ProxyAgents, headers: Record<string, string>): { url: URL; options: http.RequestOptions; secure: boolean } {
  if (u.protocol === 'https:') return { url: u, options: { headers, agent: agents.tunnel(proxy) }, secure: true };
  const auth = proxyAuthorization(proxy);
  return {
    url: new URL(`http://${proxy.host}`),
    options: { path: u.href, headers: { ...headers, host: u.host, ...(auth ? { 'proxy-authorization': auth } : {}) }, agent: agents.http },
    secure: false,
  };
}

/** A fetch for Octokit over node:http(s) through the proxy (the global fetch cannot take one). */
export function proxiedFetch(agents: ProxyAgents): typeof fetch {
  return (input, init) => new Promise<Response>((resolve, reject) => {
    const u = new URL(typeof input === 'string' || input instanceof URL ? input.toString() : input.url);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => { headers[k] = v; });
    const proxy = proxyFor(u, agents.config);
    const method = init?.method ?? 'GET';
    const direct = { url: u, options: { headers } as http.RequestOptions, secure: u.protocol === 'https:' };
    const r = proxy ? proxiedRequestOptions(u, proxy, agents, headers) : direct;
    const req = (r.secure ? https : http).request(r.url, { ...r.options, method, ...(init?.signal ? { signal: init.signal } : {}) }, (res) => {
      const h = new Headers();
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      const status = res.statusCode ?? 502;
      const empty = method === 'HEAD' || status === 204 || status === 205 || status === 304;
      if (empty) res.resume();
      const response = new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage ?? '', headers: h });
      // Octokit reads response.url in its errors
      Object.defineProperty(response, 'url', { value: u.href });
      resolve(response);
    });
    req.on('error', reject);
    const body = init?.body;
    if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
    else if (body === undefined || body === null) req.end();
    else {
      req.destroy();
      reject(new TypeError('proxiedFetch: only string and byte bodies are sent'));
    }
  });
}
