/**
 * The browser build of the language server (dist/browser/server.js) in a context with the web's
 * globals only (test/support/browserServer.ts): the same diagnostics as the CLI on the example
 * document, the same hovers and quick fixes as the Node server, files through the client's
 * requests (confined), caches written through the client, GitHub links checked over fetch against
 * a fake GitHub on 127.0.0.1, and plain web links said not checked once per document.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/service/index';
import { EXAMPLE, msg, ROOT } from '../support/docs';
import { repo, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { startBrowserServer, type BrowserTestClient, type Workspace } from '../support/browserServer';
import { initialize, startServer, type TestClient } from '../support/lspClient';

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const key = (d: { code?: unknown; severity?: unknown; message: unknown; range: Diagnostic['range'] }): string =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${typeof d.severity === 'number' ? SEVERITY[d.severity] : String(d.severity)} ${String(d.code)} ${msg(d as Diagnostic)}`;

async function init(client: BrowserTestClient, settings: object, extra: { roots?: string[]; storagePath?: string } = {}): Promise<void> {
  await client.connection.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: {},
    workspaceFolders: (extra.roots ?? []).map((uri) => ({ uri, name: uri })),
    initializationOptions: { clientNotifications: true, settings, ...(extra.storagePath ? { storagePath: extra.storagePath } : {}) },
  });
  await client.connection.sendNotification('initialized', {});
}

const open = (client: { connection: BrowserTestClient['connection'] }, uri: string, text: string): Promise<void> =>
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });

const dd = (evidence: string): string => `# Probe Incubation Due Diligence

## Governance

### Required

- [x] **Document complete list of current maintainers.**

  Evidence: ${evidence}.
`;

describe('the browser build of the server (web globals only, LSP over worker messages)', function () {
  this.timeout(40_000);
  let browser: BrowserTestClient | undefined;
  let node: TestClient | undefined;

  afterEach(async () => {
    await browser?.close();
    await node?.close();
    browser = undefined;
    node = undefined;
  });

  it('gives the CLI\'s diagnostics on the example document', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const out = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', '--format', 'json', '--offline', EXAMPLE], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const cli = (JSON.parse(out) as { files: Array<{ diagnostics: Array<{ code: string; severity: string; message: string; range: Diagnostic['range'] }> }> }).files[0]!.diagnostics
      // the CLI offline says once that it checked no web link; the server has link checks off here
      .filter((d) => d.code !== 'links-not-checked')
      .map(key)
      .sort();
    assert.ok(cli.length > 10, 'the example has findings');
    browser = startBrowserServer(new Map());
    await init(browser, { links: { enabled: false } });
    const uri = 'vscode-vfs://github/acme/acme/acme-incubation-due-diligence.md';
    let last: string[] = [];
    const same = browser.diagnostics(uri, (d) => {
      last = d.map(key).sort();
      return JSON.stringify(last) === JSON.stringify(cli);
    });
    await open(browser, uri, text);
    await same.catch(() => assert.deepEqual(last, cli));
  });

  it('answers hovers and quick fixes as the Node server does', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const uri = 'file:///work/acme-incubation-due-diligence.md';
    const settings = { links: { enabled: false }, reviewer: { name: 'Jane Reviewer' } };
    browser = startBrowserServer(new Map());
    await init(browser, settings);
    node = startServer();
    await initialize(node, { initializationOptions: { settings } });
    const [bd, nd] = await Promise.all([browser.diagnostics(uri), node.diagnostics(uri), open(browser, uri, text), open(node, uri, text)]);
    const placeholder = bd.find((d) => d.code === 'placeholder' && msg(d).includes('$TOCMEMBER'));
    assert.ok(placeholder, 'a $TOCMEMBER placeholder');
    assert.ok(nd.some((d) => key(d) === key(placeholder)));
    const line = text.split('\n').findIndex((l) => l.includes('**Give a presentation'));
    const hoverParams = { textDocument: { uri }, position: { line, character: 12 } };
    const [bh, nh] = await Promise.all([browser.connection.sendRequest('textDocument/hover', hoverParams), node.connection.sendRequest('textDocument/hover', hoverParams)]) as [Hover, Hover];
    assert.match((bh.contents as MarkupContent).value, /Criterion/);
    assert.deepEqual(bh, nh);
    const actionParams = { textDocument: { uri }, range: placeholder.range, context: { diagnostics: [placeholder] } };
    const [ba, na] = await Promise.all([browser.connection.sendRequest('textDocument/codeAction', actionParams), node.connection.sendRequest('textDocument/codeAction', actionParams)]) as [CodeAction[], CodeAction[]];
    assert.deepEqual(ba, na);
    const fill = ba.find((a) => a.title.includes('Jane Reviewer'));
    assert.ok(fill, `a fill with the reviewer's name among ${ba.map((a) => a.title).join(', ')}`);
    // the quick fix applied: the finding that offered it is gone
    const edits = fill.edit!.changes![uri]! as TextEdit[];
    const after = browser.diagnostics(uri, (_d, v) => v === 2);
    await browser.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: applyEdits(text, edits) }] });
    assert.ok(!(await after).some((d) => msg(d).includes('$TOCMEMBER')));
  });

  it('checks relative links through the client\'s file requests, inside the workspace folder only', async () => {
    const root = 'vscode-vfs://github/acme/acme';
    const workspace: Workspace = new Map<string, string | 'dir'>([
      [`${root}/GOVERNANCE.md`, '# Governance\n\n## Maintainers\n'],
      [`${root}/docs`, 'dir'],
    ]);
    browser = startBrowserServer(workspace);
    await init(browser, { links: { enabled: true } }, { roots: [root] });
    const uri = `${root}/dd/probe-dd.md`;
    const links = ['../GOVERNANCE.md#maintainers', '../GOVERNANCE.md#nowhere', '../MISSING.md', '../docs', '../../../other/secret.md'].map((l, i) => `[e${i}](${l})`).join(', ');
    const checked = browser.diagnostics(uri, (d) => d.some((x) => x.code === 'link-broken') && d.some((x) => x.code === 'link-fragment'));
    await open(browser, uri, dd(links));
    const diags = await checked;
    const about = (needle: string): string[] => diags.filter((d) => msg(d).includes(needle)).map((d) => String(d.code));
    assert.deepEqual(about('MISSING.md'), ['link-broken']);
    assert.deepEqual(about('#nowhere'), ['link-fragment']);
    assert.ok(!diags.some((d) => msg(d).includes('#maintainers') || msg(d).includes('../docs')), 'the existing heading and folder are fine');
    assert.ok(diags.some((d) => msg(d).includes('secret.md') && msg(d).includes('outside the workspace')), 'a link out of the workspace folder is not checked');
    assert.ok(browser.fileRequests.every((r) => r.uri.startsWith(`${root}/`)), `nothing asked outside the workspace: ${JSON.stringify(browser.fileRequests)}`);
  });

  describe('GitHub over fetch', () => {
    let gh: FakeGitHub;
    before(async () => {
      gh = await startFakeGitHub([repo('acme/acme', { 'README.md': '# Acme\n\n## Install\n' })]);
    });
    after(async () => {
      await gh.close();
    });

    it('checks GitHub links against the API; plain web links get one links-not-checked for the document', async () => {
      const storage = 'vscode-userdata:/user/globalStorage/diligence.diligence';
      browser = startBrowserServer(new Map());
      await init(browser, { github: { apiUrl: gh.apiUrl }, links: { allowPrivateHosts: true }, evidence: { enabled: false } }, { storagePath: storage });
      await browser.connection.sendNotification('diligence/setGitHubToken', { token: gh.token });
      const uri = 'vscode-vfs://github/acme/acme/probe-dd.md';
      const good = `${gh.apiUrl}/acme/acme/blob/${gh.repos[0]!.branches['main']}/README.md#install`;
      const missing = `${gh.apiUrl}/acme/acme/blob/${gh.repos[0]!.branches['main']}/NOPE.md`;
      const web = ['https://example.org/a', 'https://example.net/b', 'https://example.com/c'];
      const checked = browser.diagnostics(uri, (d) => d.some((x) => x.code === 'link-broken') && d.some((x) => x.code === 'links-not-checked'));
      await open(browser, uri, dd([good, missing, ...web].map((l, i) => `[e${i}](${l})`).join(', ')));
      const diags = await checked;
      assert.deepEqual(diags.filter((d) => d.code === 'link-broken').map((d) => msg(d).includes('NOPE.md')), [true]);
      const notChecked = diags.filter((d) => d.code === 'links-not-checked');
      assert.equal(notChecked.length, 1, 'once per document, never once per link');
      assert.match(msg(notChecked[0]!), /3 web links were not checked: web links are not checked in the browser/);
      assert.ok(gh.requests.length > 0 && gh.requests.every((r) => r.authorization?.includes(gh.token)), 'the API was asked, with the editor\'s token');
      // the verdicts are kept in the global storage, through the client
      await browser.connection.sendRequest('shutdown');
      assert.ok(browser.written.get(`${storage}/links.json`)?.includes('NOPE.md'), `links.json written: ${[...browser.written.keys()].join(', ')}`);
    });
  });
});
