/**
 * A real HTTP proxy on 127.0.0.1 for tests: CONNECT tunnels (https) and absolute-form requests
 * (http). It resolves names itself through `hosts` (name → 127.0.0.1 port), as a corporate proxy
 * resolves names the reviewer's machine cannot, and records what it was asked.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxyRecord {
  kind: 'connect' | 'forward';
  /** host:port for CONNECT, the absolute URL for a forwarded request */
  target: string;
  proxyAuthorization: string | undefined;
}

export interface TestProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  records: ProxyRecord[];
  /** a name the proxy resolves, to a port on 127.0.0.1 */
  map(host: string, port: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startTestProxy(): Promise<TestProxy> {
  const records: ProxyRecord[] = [];
  const hosts = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  // an unmapped name cannot be reached: 502, as proxies answer
  const portOf = (host: string, port: number): number | undefined => (host === '127.0.0.1' ? port : hosts.get(host.toLowerCase()));

  const server = http.createServer((req, res) => {
    const auth = req.headers['proxy-authorization'];
    records.push({ kind: 'forward', target: req.url ?? '', proxyAuthorization: auth });
    let u: URL;
    try {
      u = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const port = portOf(u.hostname, Number(u.port || 80));
    if (port === undefined) {
      res.writeHead(502).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const out = http.request({ host: '127.0.0.1', port, method: req.method, path: `${u.pathname}${u.search}`, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    records.push({ kind: 'connect', target: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] });
    const at = (req.url ?? '').lastIndexOf(':');
    const port = portOf((req.url ?? '').slice(0, at), Number((req.url ?? '').slice(at + 1)));
    if (port === undefined) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = net.connect({ host: '127.0.0.1', port }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    records,
    map: (host, p) => void hosts.set(host.toLowerCase(), p),
    reset: () => void (records.length = 0),
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
