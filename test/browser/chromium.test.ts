/**
 * The browser server bundle in a real browser: Chromium (Debian's, driven by playwright-core)
 * loads a local page that starts dist/browser/server.js in a Web Worker and speaks LSP to it with
 * postMessage, answering its file requests as the extension's browser client would. The example
 * document gets its diagnostics, a quick fix is applied, and a GitHub link is checked against the
 * fake GitHub behind a front that answers with GitHub's CORS headers (another origin than the
 * page's, so the browser's cross-origin rules apply). Evidence discovery reaches the OpenSSF
 * services (a fake behind the CORS headers bestpractices.dev and api.securityscorecards.dev send)
 * cross-origin; behind a front without them the browser refuses, and the miss says why.
 * Skipped, visibly, without Chromium.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/service/index';
import { BROWSER_SERVER } from '../support/browserServer';
import { EXAMPLE, msg } from '../support/docs';
import { evidenceRepos, startFakeOpenSsf } from '../support/evidenceRepos';
import { repo, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { ensureBuilt } from '../support/lspClient';

const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';

/** GitHub's CORS answer (api.github.com): any origin, the token header allowed, the rate-limit headers exposed */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, Accept-Encoding, X-GitHub-OTP, X-Requested-With, User-Agent, GraphQL-Features',
  'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE',
  'access-control-expose-headers': 'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-Request-Id, Deprecation, Sunset',
  'access-control-max-age': '86400',
};

/**
 * What the OpenSSF sites answer a cross-origin GET with: bestpractices.dev (rack-cors,
 * config/initializers/cors.rb: origins '*', GET and OPTIONS on the project JSON) and
 * api.securityscorecards.dev (rs/cors `cors.Default()`: any origin, GET/POST/HEAD, simple headers).
 */
const OPENSSF_CORS = { 'access-control-allow-origin': '*', vary: 'Origin' };

/** `upstream` behind `cors` headers, on an origin of its own (127.0.0.1, another port than the page's) */
async function corsFront(upstream: string, cors: Record<string, string>): Promise<{ server: http.Server; url: string }> {
  const api = new URL(upstream);
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const headers = { ...req.headers, host: api.host };
    delete headers.origin;
    const up = http.request({ host: api.hostname, port: api.port, path: req.url, method: req.method, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, { ...r.headers, ...cors });
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** In the page: a worker, an LSP client of a few lines over postMessage, file requests from FILES. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>diligence worker</title><script>
const started = performance.now();
const worker = new Worker('/server.js');
const files = new Map();
const pending = new Map();
let nextId = 1;
window.lsp = { diagnostics: {}, firstDiagnosticsMs: undefined, logs: [], fileRequests: [] };
worker.onmessage = (e) => {
  const m = e.data;
  if (m.method === 'textDocument/publishDiagnostics') {
    if (lsp.firstDiagnosticsMs === undefined && m.params.diagnostics.length > 0) lsp.firstDiagnosticsMs = performance.now() - started;
    lsp.diagnostics[m.params.uri] = { version: m.params.version, diagnostics: m.params.diagnostics };
  } else if (m.method === 'window/logMessage') {
    lsp.logs.push(m.params.message);
  } else if (m.method !== undefined && m.id !== undefined) {
    const uri = m.params && m.params.uri;
    let result = null;
    if (m.method === 'diligence/fsStat') { lsp.fileRequests.push(uri); result = files.has(uri) ? { type: 'file', size: files.get(uri).length } : null; }
    if (m.method === 'diligence/fsReadFile') { lsp.fileRequests.push(uri); result = files.has(uri) ? { text: files.get(uri), truncated: false } : null; }
    worker.postMessage({ jsonrpc: '2.0', id: m.id, result });
  } else if (m.id !== undefined && pending.has(m.id)) {
    pending.get(m.id)(m.result);
    pending.delete(m.id);
  }
};
lsp.request = (method, params) => new Promise((resolve) => { const id = nextId++; pending.set(id, resolve); worker.postMessage({ jsonrpc: '2.0', id, method, params }); });
lsp.notify = (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params });
lsp.setFile = (uri, text) => files.set(uri, text);
</script>`;

describe('the browser server in Chromium (a Web Worker from a local page)', function () {
  this.timeout(60_000);
  let browserApp: Browser | undefined;
  let page: Page;
  let site: http.Server;
  let front: http.Server;
  let gh: FakeGitHub;
  let ossf: Awaited<ReturnType<typeof startFakeOpenSsf>>;
  let ossfFront: http.Server;
  let bareFront: http.Server;
  let frontUrl = '';
  let ossfUrl = '';
  let bareUrl = '';
  let siteUrl = '';

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
      this.skip();
    }
    ensureBuilt();
    gh = await startFakeGitHub([repo('acme/acme', { 'README.md': '# Acme\n\n## Install\n' }), ...evidenceRepos()]);
    ossf = await startFakeOpenSsf();
    // the fake GitHub behind GitHub's CORS headers, on its own origin; the fake OpenSSF behind theirs, and behind none
    const fronts = await Promise.all([corsFront(gh.apiUrl, CORS), corsFront(ossf.origin, OPENSSF_CORS), corsFront(ossf.origin, {})]);
    [front, ossfFront, bareFront] = fronts.map((f) => f.server) as [http.Server, http.Server, http.Server];
    [frontUrl, ossfUrl, bareUrl] = fronts.map((f) => f.url) as [string, string, string];
    const serverJs = readFileSync(BROWSER_SERVER);
    site = http.createServer((req, res) => {
      if (req.url === '/server.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(serverJs);
      else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    browserApp = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browserApp.newPage();
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
    await page.goto(siteUrl);
  });

  after(async () => {
    await browserApp?.close();
    await new Promise((r) => site?.close(r));
    for (const f of [front, ossfFront, bareFront]) await new Promise((r) => f?.close(r));
    await gh?.close();
    await ossf?.close();
  });

  const diagnostics = async (uri: string, version: number, done: string): Promise<Diagnostic[]> => {
    const handle = await page.waitForFunction(({ uri, version, done }) => {
      const d = (globalThis as unknown as { lsp: { diagnostics: Record<string, { version: number; diagnostics: Array<{ code: string }> }> } }).lsp.diagnostics[uri];
      return d && d.version === version && new Function('d', `return ${done}`)(d.diagnostics) ? d.diagnostics : undefined;
    }, { uri, version, done }, { timeout: 40_000 });
    return (await handle.jsonValue()) as Diagnostic[];
  };

  it('opens the example document: diagnostics, a quick fix, a GitHub link checked over CORS, web links said once', async () => {
    const root = 'vscode-vfs://github/acme/acme';
    const uri = `${root}/acme-incubation-due-diligence.md`;
    const sha = gh.repos[0]!.branches['main']!;
    const text = `${readFileSync(EXAMPLE, 'utf8')}\nMore evidence: [readme](${frontUrl}/acme/acme/blob/${sha}/README.md#install), [missing](${frontUrl}/acme/acme/blob/${sha}/NOPE.md), [governance](./GOVERNANCE.md).\n`;
    await page.evaluate(async ({ apiUrl, token, root, settings }) => {
      const lsp = (globalThis as unknown as { lsp: { request(m: string, p: unknown): Promise<unknown>; notify(m: string, p: unknown): void; setFile(u: string, t: string): void } }).lsp;
      lsp.setFile(`${root}/GOVERNANCE.md`, '# Governance\n');
      await lsp.request('initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: root, name: 'acme' }], initializationOptions: { clientNotifications: true, settings: { ...settings, github: { apiUrl } } } });
      lsp.notify('initialized', {});
      lsp.notify('diligence/setGitHubToken', { token });
    }, { apiUrl: frontUrl, token: gh.token, root, settings: { reviewer: { name: 'Jane Reviewer' }, links: { allowPrivateHosts: true }, evidence: { enabled: false } } });
    await page.evaluate(({ uri, text }) => (globalThis as unknown as { lsp: { notify(m: string, p: unknown): void } }).lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } }), { uri, text });

    const diags = await diagnostics(uri, 1, "d.some((x) => x.code === 'link-broken') && d.some((x) => x.code === 'links-not-checked')");
    const firstMs = await page.evaluate(() => (globalThis as unknown as { lsp: { firstDiagnosticsMs: number } }).lsp.firstDiagnosticsMs);
    console.log(`      Chromium: ${Math.round(firstMs)} ms from the worker's start to the example document's first diagnostics`);
    assert.deepEqual(diags.filter((d) => d.code === 'link-broken').map((d) => msg(d).includes('NOPE.md')), [true], 'the missing file on GitHub, and only it');
    const notChecked = diags.filter((d) => d.code === 'links-not-checked');
    assert.equal(notChecked.length, 1);
    assert.match(msg(notChecked[0]!), /web links are not checked in the browser/);
    assert.ok(gh.requests.some((r) => r.authorization?.includes(gh.token)), 'the fake GitHub was asked, cross-origin, with the token');
    const asked = await page.evaluate(() => (globalThis as unknown as { lsp: { fileRequests: string[] } }).lsp.fileRequests);
    assert.ok(asked.includes(`${root}/GOVERNANCE.md`) && asked.every((u) => u.startsWith(`${root}/`)), `file requests: ${asked.join(', ')}`);

    // a quick fix: the reviewer's name into $TOCMEMBER
    const placeholder = diags.find((d) => d.code === 'placeholder' && msg(d).includes('$TOCMEMBER'))!;
    const actions = await page.evaluate(({ uri, d }) => (globalThis as unknown as { lsp: { request(m: string, p: unknown): Promise<unknown> } }).lsp.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }), { uri, d: placeholder }) as CodeAction[];
    const fill = actions.find((a) => a.title.includes('Jane Reviewer'));
    assert.ok(fill, `a fill among ${actions.map((a) => a.title).join(', ')}`);
    const changed = applyEdits(text, fill.edit!.changes![uri]! as TextEdit[]);
    await page.evaluate(({ uri, changed }) => (globalThis as unknown as { lsp: { notify(m: string, p: unknown): void } }).lsp.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: changed }] }), { uri, changed });
    const after = await diagnostics(uri, 2, 'true');
    assert.ok(!after.some((d) => msg(d).includes('$TOCMEMBER')), 'the placeholder is filled');
    assert.ok(changed.includes('Jane Reviewer'));
  });

  /** a fresh worker (the page again), initialized with `settings`, the token given, a due diligence of kserve opened; its discovery */
  const discover = async (openssfUrl: string): Promise<Array<{ detector: string; repo: string; found: boolean; summary: string }>> => {
    await page.goto(siteUrl);
    const uri = 'vscode-vfs://github/kserve/kserve/kserve-dd.md';
    const text = '# KServe Incubation Due Diligence\n\n## Security\n\n### Required\n\n- [ ] **Have an OpenSSF Best Practices badge.**\n';
    const settings = {
      github: { apiUrl: frontUrl }, links: { allowPrivateHosts: true }, repositories: ['kserve/kserve'],
      openssf: { bestPracticesUrl: openssfUrl, scorecardUrl: `${openssfUrl}/sc` }, evidence: { devstatsUrl: `${openssfUrl}/devstats` },
    };
    const r = await page.evaluate(async ({ uri, text, token, settings }) => {
      const lsp = (globalThis as unknown as { lsp: { request(m: string, p: unknown): Promise<unknown>; notify(m: string, p: unknown): void } }).lsp;
      await lsp.request('initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: [], initializationOptions: { clientNotifications: true, settings } });
      lsp.notify('initialized', {});
      lsp.notify('diligence/setGitHubToken', { token });
      lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      return lsp.request('diligence/discoverEvidence', { uri });
    }, { uri, text, token: gh.token, settings }) as { results: Array<{ items: Array<{ detector: string; repo: string; found: boolean; summary: string }> }> } | null;
    return (r?.results ?? []).flatMap((x) => x.items).filter((i) => i.detector === 'openssf-badge' || i.detector === 'scorecard');
  };

  it('reaches the OpenSSF services cross-origin with their CORS headers; without them the miss says the browser refused', async () => {
    const before = ossf.requests.length;
    const found = await discover(ossfUrl);
    assert.deepEqual(found.map((i) => `${i.detector} ${String(i.found)}`).sort(), ['openssf-badge true', 'scorecard true'], JSON.stringify(found));
    assert.ok(ossf.requests.slice(before).every((r) => r.headers.authorization === undefined), 'no token to OpenSSF');

    const refused = await discover(bareUrl);
    assert.deepEqual(refused.map((i) => `${i.detector} ${String(i.found)}`).sort(), ['openssf-badge false', 'scorecard false'], JSON.stringify(refused));
    assert.ok(refused.every((i) => /cross-origin refused, or unreachable/.test(i.summary)), JSON.stringify(refused));
  });
});
