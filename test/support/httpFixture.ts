/**
 * A real HTTP server on 127.0.0.1 for link-checking tests and benchmarks. It records every
 * request (method, path, headers) and serves these routes (any can be replaced or added through
 * `routes`; `delayMs` delays every answer, for realistic benchmarks):
 *
 *   /ok, /page (HTML with id="intro", id="install-guide", name="legacy"), /doc.md (markdown)
 *   /missing 404, /gone 410, /error500 (always 500), /flaky (500 once per path, then 200)
 *   /moved 301→/ok, /moved-308 308→/ok, /temp 302→/ok, /chain 301→/moved (→/ok), /loop 302→/loop
 *   /redirect?to=URL 302→URL (to another server, a private address…)
 *   /no-head (HEAD 405, GET 200), /head-403 (HEAD 403, GET 200)
 *   /slow?ms=N (answers after N ms, default 5000), /endless (200, then a chunk every 20 ms forever)
 *   /huge (20 MB body), /gzip-bomb (gzip of 64 MB of zeros, ~64 KB on the wire)
 *   /reset (headers, some body, then the socket is destroyed)
 *   /rate-once (429 Retry-After: 1 the first time, then 200), /rate-always (429 Retry-After: 3600)
 *   /rate-reset (403 x-ratelimit-remaining: 0, x-ratelimit-reset in an hour)
 * Any other path answers 404.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export type Route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, fixture: HttpFixture) => void;

export interface HttpFixtureOptions {
  routes?: Record<string, Route>;
  delayMs?: number;
}

export interface HttpFixture {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** TCP connections accepted since the start (or the last reset) */
  connections(): number;
  /** requests whose path (without query) is `path` */
  count(path: string): number;
  reset(): void;
  close(): Promise<void>;
}

const PAGE = `<!doctype html><html><head><title>Fixture</title></head><body>
<h1 id="intro">Intro</h1><h2 id="install-guide">Install guide</h2><a name="legacy"></a><p>text</p></body></html>`;
const MARKDOWN = '# Title\n\n## Getting Started\n\ntext\n\n## Getting Started\n\n### API `v2` (beta)!\n';

let bomb: Buffer | undefined;
function gzipBomb(): Buffer {
  bomb ??= zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  return bomb;
}

const redirect = (status: number, to: string): Route => (_req, res) => {
  res.writeHead(status, { location: to });
  res.end();
};

function defaultRoutes(): Record<string, Route> {
  const seen = new Set<string>();
  const once = (path: string): boolean => {
    if (seen.has(path)) return false;
    seen.add(path);
    return true;
  };
  return {
    '/ok': (_q, res) => {
      // A length, as real servers send: a HEAD answer without one makes node's server close the connection.
      const body = '<html><body>ok</body></html>';
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
    '/page': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    },
    '/doc.md': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/markdown' });
      res.end(MARKDOWN);
    },
    '/missing': (_q, res) => {
      res.writeHead(404);
      res.end('not found');
    },
    '/gone': (_q, res) => {
      res.writeHead(410);
      res.end('gone');
    },
    '/error500': (_q, res) => {
      res.writeHead(500);
      res.end('boom');
    },
    '/flaky': (q, res) => {
      res.writeHead(once(`flaky ${q.method}`) ? 500 : 200);
      res.end();
    },
    '/moved': redirect(301, '/ok'),
    '/moved-308': redirect(308, '/ok'),
    '/temp': redirect(302, '/ok'),
    '/chain': redirect(301, '/moved'),
    '/loop': redirect(302, '/loop'),
    '/redirect': (_q, res, url) => {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/ok' });
      res.end();
    },
    '/no-head': (q, res) => {
      res.writeHead(q.method === 'HEAD' ? 405 : 200, { 'content-type': 'text/html' });
      res.end(q.method === 'HEAD' ? undefined : '<p>ok</p>');
    },
    '/head-403': (q, res) => {
      res.writeHead(q.method === 'HEAD' ? 403 : 200);
      res.end();
    },
    '/slow': (_q, res, url) => {
      const t = setTimeout(() => {
        res.writeHead(200);
        res.end('late');
      }, Number(url.searchParams.get('ms') ?? 5000));
      res.on('close', () => clearTimeout(t));
    },
    '/endless': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => res.write('<p>more</p>\n'), 20);
      res.on('close', () => clearInterval(t));
    },
    '/huge': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = (): void => {
        while (sent < 20 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    },
    '/gzip-bomb': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(gzipBomb());
    },
    '/reset': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
      res.write('<p id="start">partial</p>');
      setTimeout(() => res.socket?.destroy(), 10);
    },
    '/rate-once': (q, res) => {
      if (once(`rate ${q.method}`)) {
        res.writeHead(429, { 'retry-after': '1' });
        return void res.end();
      }
      res.writeHead(200);
      res.end();
    },
    '/rate-always': (_q, res) => {
      res.writeHead(429, { 'retry-after': '3600' });
      res.end();
    },
    '/rate-reset': (_q, res) => {
      res.writeHead(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) });
      res.end();
    },
  };
}

export async function startHttpFixture(options: HttpFixtureOptions = {}): Promise<HttpFixture> {
  const routes = { ...defaultRoutes(), ...options.routes };
  // compressed here, not in the middle of a request: on a busy machine it outlasted the client's timeout
  gzipBomb();
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers });
    const route = routes[url.pathname];
    const answer = (): void => {
      if (route) route(req, res, url, fixture);
      else {
        res.writeHead(404);
        res.end('no such route');
      }
    };
    if (options.delayMs) setTimeout(answer, options.delayMs);
    else answer();
  });
  let connections = 0;
  server.on('connection', () => void connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const fixture: HttpFixture = {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    count: (path) => requests.filter((r) => r.path.split('?')[0] === path).length,
    connections: () => connections,
    reset: () => {
      requests.splice(0);
      connections = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fixture;
}
